// semver and semverCompare with Masterminds/semver v3 rules: "v" prefixes,
// partial versions, x-ranges, ~ and ^, hyphen ranges, "||" and ",".
import { fn, GoError, type FuncMap } from '../exec/function';
import { GoStruct, makeFunction, TypedInt } from '../values/types';

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const VERSION_CORE = String.raw`v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const versionRegex = new RegExp(`^${VERSION_CORE}$`);
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const constraintRegex = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const rangeRegex = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const findRegex = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
const validRegex = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

export function parseVersion(text: string): Version {
  const match = versionRegex.exec(text);
  if (!match) throw new GoError('Invalid Semantic Version');
  const version: Version = {
    major: BigInt(match[1]!),
    minor: match[2] ? BigInt(match[2].slice(1)) : 0n,
    patch: match[3] ? BigInt(match[3].slice(1)) : 0n,
    pre: match[5] ?? '',
    metadata: match[8] ?? '',
    original: text,
  };
  if (version.pre !== '') {
    for (const segment of version.pre.split('.')) {
      if (/^[0-9]+$/.test(segment) && segment.length > 1 && segment.startsWith('0')) {
        throw new GoError('Version segment starts with 0');
      }
    }
  }
  return version;
}

function versionString(v: Version): string {
  let text = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre !== '') text += `-${v.pre}`;
  if (v.metadata !== '') text += `+${v.metadata}`;
  return text;
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^[0-9]+$/.test(a);
  const bNumeric = /^[0-9]+$/.test(b);
  if (aNumeric && bNumeric) return BigInt(a) === BigInt(b) ? 0 : BigInt(a) < BigInt(b) ? -1 : 1;
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (i >= left.length) return -1;
    if (i >= right.length) return 1;
    const result = compareIdentifiers(left[i]!, right[i]!);
    if (result !== 0) return result;
  }
  return 0;
}

function compare(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return comparePrerelease(a.pre, b.pre);
}

interface Constraint {
  version: Version;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (text: string): boolean => text === 'x' || text === '*' || text === 'X';

function parseConstraint(text: string): Constraint {
  const match = constraintRegex.exec(text);
  if (!match) throw new GoError(`improper constraint: ${text}`);
  const [, op = '', , major = '', minorPart = '', patchPart = '', prePart = ''] = match;
  let versionText = match[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    versionText = `0.0.0${prePart}`;
    dirty = true;
  } else if (isX(minorPart.slice(1)) || minorPart === '') {
    minorDirty = dirty = true;
    versionText = `${major}.0.0${prePart}`;
  } else if (isX(patchPart.slice(1)) || patchPart === '') {
    patchDirty = dirty = true;
    versionText = `${major}${minorPart}.0${prePart}`;
  }
  let version: Version;
  try {
    version = parseVersion(versionText);
  } catch {
    throw new GoError('constraint Parser Error');
  }
  return { version, op, dirty, minorDirty, patchDirty };
}

function tilde(v: Version, c: Constraint): boolean {
  if (compare(v, c.version) < 0) return false;
  const con = c.version;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  return !(v.minor !== con.minor && !c.minorDirty);
}

function check(v: Version, c: Constraint): boolean {
  const con = c.version;
  const preBlocked = v.pre !== '' && con.pre === '';
  switch (c.op) {
    case '':
    case '=':
      if (preBlocked) return false;
      return c.dirty ? tilde(v, c) : compare(v, con) === 0;
    case '!=':
      if (c.dirty) {
        if (preBlocked) return false;
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || con.pre !== '') && comparePrerelease(v.pre, con.pre) !== 0;
      }
      return compare(v, con) !== 0;
    case '>':
      if (preBlocked) return false;
      if (!c.dirty) return compare(v, con) === 1;
      if (v.major > con.major) return true;
      if (v.major < con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return compare(v, con) === 1;
    case '<':
      return !preBlocked && compare(v, con) < 0;
    case '>=':
    case '=>':
      return !preBlocked && compare(v, con) >= 0;
    case '<=':
    case '=<':
      if (preBlocked) return false;
      if (!c.dirty) return compare(v, con) <= 0;
      if (v.major > con.major) return false;
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return !preBlocked && tilde(v, c);
    case '^': {
      if (preBlocked || compare(v, con) < 0) return false;
      if (con.major > 0n || c.minorDirty) return v.major === con.major;
      if (v.major > 0n) return false;
      if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
      if (v.minor > 0n) return false;
      return con.patch === v.patch;
    }
  }
  return false;
}

function parseConstraints(text: string): Constraint[][] {
  const rewritten = text.replace(
    rangeRegex,
    (_whole, ...groups: unknown[]) => `>= ${groups[0] as string}, <= ${groups[10] as string}`,
  );
  return rewritten.split('||').map((part) => {
    if (!validRegex.test(part)) throw new GoError(`improper constraint: ${part}`);
    const found = part.match(findRegex) ?? [part];
    return found.map(parseConstraint);
  });
}

export function semverCompare(constraint: string, versionText: string): boolean {
  const constraints = parseConstraints(constraint);
  const version = parseVersion(versionText);
  return constraints.some((group) => group.every((c) => check(version, c)));
}

function versionObject(v: Version): GoStruct {
  const getter = (value: () => unknown) => makeFunction('func() string', { params: [] }, value);
  const uint = (value: bigint) => new TypedInt('uint64', value);
  return new GoStruct(
    '*semver.Version',
    {
      major: uint(v.major),
      minor: uint(v.minor),
      patch: uint(v.patch),
      pre: v.pre,
      metadata: v.metadata,
      original: v.original,
    },
    {
      Major: getter(() => uint(v.major)),
      Minor: getter(() => uint(v.minor)),
      Patch: getter(() => uint(v.patch)),
      Prerelease: getter(() => v.pre),
      Metadata: getter(() => v.metadata),
      Original: getter(() => v.original),
      String: getter(() => versionString(v)),
    },
    () => versionString(v),
    () => versionString(v),
  );
}

export const semverFuncs: FuncMap = {
  semver: fn(['string'], ([text]) => versionObject(parseVersion(text as string)), { returnsError: true }),
  semverCompare: fn(
    ['string', 'string'],
    ([constraint, version]) => semverCompare(constraint as string, version as string),
    {
      returnsError: true,
    },
  ),
};
