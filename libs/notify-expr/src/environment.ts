// The variables a trigger condition sees, as Argo CD builds them
// (argo-cd util/notification/expression): `app`, the `time`, `strings` and `repo` namespaces, plus
// any extra variables. Nothing is ambient: the clock and the repo-server calls are injected.
import { fullNameByRepoUrl, queryEscape, repoUrlToHttps } from './repo';
import { HostCallError } from './time-methods';
import { GoDuration, GoTime, parseRfc3339 } from './time-values';
import { HostFunction, typeName, type ExprMap, type ExprValue } from './values';

/** A function the caller exposes under `repo.<name>`; it must be synchronous (prefetch if needed). */
export type RepoFunction = (...args: ExprValue[]) => unknown;

export interface NotificationEnvOptions {
  /** The Application as a plain object. */
  app: Record<string, unknown>;
  /** Clock behind `time.Now()` and `now()`; defaults to the system clock. */
  clock?: () => Date;
  /** Caller-supplied `repo.*` functions, e.g. `GetCommitMetadata(sha)`, `GetAppDetails()`. */
  repo?: Record<string, RepoFunction>;
  /** Further top-level variables (e.g. `context`). */
  variables?: Record<string, unknown>;
}

const GO_LAYOUTS: Record<string, string> = {
  Layout: "01/02 03:04:05PM '06 -0700",
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
};

function fn(name: string, arity: number, body: (args: readonly ExprValue[]) => ExprValue): HostFunction {
  return new HostFunction(name, (args) => {
    if (args.length !== arity) throw new HostCallError(`${name} takes ${arity} argument(s), got ${args.length}`);
    return body(args);
  });
}

function str(name: string, value: ExprValue, position = 1): string {
  if (typeof value !== 'string')
    throw new HostCallError(`${name} argument ${position} must be a string, got ${typeName(value)}`);
  return value;
}

function timeNamespace(clock: () => Date): ExprMap {
  return {
    Now: fn('time.Now', 0, () => GoTime.fromDate(clock())),
    Parse: fn('time.Parse', 1, ([value]) => {
      const text = str('time.Parse', value);
      const parsed = parseRfc3339(text);
      if (!parsed) throw new HostCallError(`time.Parse: ${JSON.stringify(text)} is not an RFC3339 time`);
      return parsed;
    }),
    Nanosecond: new GoDuration(1),
    Microsecond: new GoDuration(1e3),
    Millisecond: new GoDuration(1e6),
    Second: new GoDuration(1e9),
    Minute: new GoDuration(6e10),
    Hour: new GoDuration(3.6e12),
    ...GO_LAYOUTS,
  };
}

const stringFn = (name: string, arity: number, body: (args: string[]) => ExprValue): HostFunction =>
  fn(`strings.${name}`, arity, (args) => body(args.map((arg, index) => str(`strings.${name}`, arg, index + 1))));

/** Go's strings package functions seen in practice (Argo CD registers ReplaceAll, ToUpper, ToLower). */
const STRINGS: ExprMap = {
  ReplaceAll: stringFn('ReplaceAll', 3, ([text, old, replacement]) => text!.replaceAll(old!, replacement!)),
  ToUpper: stringFn('ToUpper', 1, ([text]) => text!.toUpperCase()),
  ToLower: stringFn('ToLower', 1, ([text]) => text!.toLowerCase()),
  Contains: stringFn('Contains', 2, ([text, part]) => text!.includes(part!)),
  HasPrefix: stringFn('HasPrefix', 2, ([text, prefix]) => text!.startsWith(prefix!)),
  HasSuffix: stringFn('HasSuffix', 2, ([text, suffix]) => text!.endsWith(suffix!)),
  TrimSpace: stringFn('TrimSpace', 1, ([text]) => text!.trim()),
  TrimPrefix: stringFn('TrimPrefix', 2, ([text, prefix]) =>
    text!.startsWith(prefix!) ? text!.slice(prefix!.length) : text!,
  ),
  TrimSuffix: stringFn('TrimSuffix', 2, ([text, suffix]) =>
    suffix !== '' && text!.endsWith(suffix!) ? text!.slice(0, text!.length - suffix!.length) : text!,
  ),
  Split: stringFn('Split', 2, ([text, separator]) => (separator === '' ? [...text!] : text!.split(separator!))),
  Fields: stringFn('Fields', 1, ([text]) => text!.split(/\s+/).filter((part) => part !== '')),
  Join: fn('strings.Join', 2, ([items, separator]) => {
    if (!Array.isArray(items))
      throw new HostCallError(`strings.Join argument 1 must be an array, got ${typeName(items)}`);
    const parts = (items as readonly ExprValue[]).map((item, index) => str('strings.Join element', item, index + 1));
    return parts.join(str('strings.Join', separator, 2));
  }),
};

function repoNamespace(supplied: Record<string, RepoFunction>): ExprMap {
  const missing = (name: string): HostFunction =>
    new HostFunction(`repo.${name}`, () => {
      throw new HostCallError(`repo.${name} is not available: the notifications controller supplied no implementation`);
    });
  const namespace: Record<string, ExprValue> = {
    RepoURLToHTTPS: fn('repo.RepoURLToHTTPS', 1, ([url]) => repoUrlToHttps(str('repo.RepoURLToHTTPS', url))),
    FullNameByRepoURL: fn('repo.FullNameByRepoURL', 1, ([url]) =>
      fullNameByRepoUrl(str('repo.FullNameByRepoURL', url)),
    ),
    QueryEscape: fn('repo.QueryEscape', 1, ([text]) => queryEscape(str('repo.QueryEscape', text))),
    GetCommitMetadata: missing('GetCommitMetadata'),
    GetAppDetails: missing('GetAppDetails'),
  };
  for (const [name, implementation] of Object.entries(supplied)) {
    namespace[name] = new HostFunction(`repo.${name}`, (args) => implementation(...args) as ExprValue);
  }
  return namespace;
}

/** Builds the variables of a trigger condition: `app`, `time`, `strings`, `repo`, `now()`. */
export function createNotificationEnv(options: NotificationEnvOptions): ExprMap {
  const clock = options.clock ?? (() => new Date());
  return {
    ...(options.variables as ExprMap | undefined),
    app: options.app as ExprMap,
    time: timeNamespace(clock),
    strings: STRINGS,
    repo: repoNamespace(options.repo ?? {}),
    now: fn('now', 0, () => GoTime.fromDate(clock())),
  };
}
