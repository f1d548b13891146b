// Picks a chart version the way Argo CD does (util/versions.MaxVersion on
// Masterminds/semver v3): a targetRevision that parses as a version is taken
// as it is; otherwise it is a constraint and the highest satisfying version
// wins. Masterminds' prerelease rule: a prerelease version passes only the
// constraint groups in which every comparison names a prerelease itself
// (`>=1.0.0-0` admits 1.2.0-beta.1; `1.*` and `>=1.0.0` do not).
import { SemVer, compare, satisfies, validRange } from 'semver';

const versionPattern =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** A version as Masterminds' NewVersion reads it (`v1.2`, `1.2.3-rc.1+build`), or undefined. */
export function parseChartVersion(text: string): SemVer | undefined {
  const match = versionPattern.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor = '0', patch = '0', prerelease = '', build = ''] = match;
  try {
    return new SemVer(`${major}.${minor}.${patch}${prerelease}${build}`);
  } catch {
    return undefined;
  }
}

export function isExactVersion(targetRevision: string): boolean {
  return parseChartVersion(targetRevision) !== undefined;
}

interface ConstraintGroup {
  range: string;
  everyAtomHasPrerelease: boolean;
}

/** Masterminds syntax (`>= 1.2, < 2`, `~> 1.2`, `=< 3`, `a || b`) as node-semver ranges, one per OR group. */
export function parseConstraint(constraint: string): ConstraintGroup[] | undefined {
  const groups: ConstraintGroup[] = [];
  for (const rawGroup of constraint.split('||')) {
    const text = rawGroup
      .replace(/,/g, ' ')
      .replace(/=</g, '<=')
      .replace(/~>/g, '~')
      .replace(/(>=|<=|!=|[<>=~^])\s+/g, '$1')
      .trim();
    if (text === '' || text.includes('!=')) return undefined;
    const atoms = text.split(/\s+/).filter((atom) => atom !== '-');
    if (validRange(text, { loose: true }) === null) return undefined;
    groups.push({
      range: text,
      everyAtomHasPrerelease: atoms.every((atom) => /^[<>=~^]*v?\d+(\.[\dxX*]+){0,2}-/.test(atom)),
    });
  }
  return groups;
}

function satisfiesConstraint(version: SemVer, groups: ConstraintGroup[]): boolean {
  return groups.some((group) => {
    if (version.prerelease.length > 0) {
      return group.everyAtomHasPrerelease && satisfies(version, group.range, { loose: true, includePrerelease: true });
    }
    return satisfies(version, group.range, { loose: true });
  });
}

/**
 * The entry of `available` that `targetRevision` selects, as spelt in `available`, or undefined.
 * An empty revision means the highest stable version (`*`), as in `helm pull` without --version.
 */
export function selectChartVersion(targetRevision: string, available: readonly string[]): string | undefined {
  const wanted = targetRevision.trim() === '' ? '*' : targetRevision.trim();
  if (available.includes(wanted)) return wanted;
  const exact = parseChartVersion(wanted);
  if (exact) return available.find((candidate) => parseChartVersion(candidate)?.compare(exact) === 0);
  const groups = parseConstraint(wanted);
  if (!groups) return undefined;
  let best: { text: string; version: SemVer } | undefined;
  for (const candidate of available) {
    const version = parseChartVersion(candidate);
    if (!version || !satisfiesConstraint(version, groups)) continue;
    if (!best || compare(version, best.version) > 0) best = { text: candidate, version };
  }
  return best?.text;
}

/** The highest `count` versions, for "available: …" hints in errors. */
export function highestVersions(available: readonly string[], count: number): string[] {
  return available
    .map((text) => ({ text, version: parseChartVersion(text) }))
    .filter((entry): entry is { text: string; version: SemVer } => entry.version !== undefined)
    .sort((a, b) => compare(b.version, a.version))
    .slice(0, count)
    .map((entry) => entry.text);
}
