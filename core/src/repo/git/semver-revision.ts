// Semver ranges as targetRevision (Argo CD uses Masterminds/semver): `1.2.*`,
// `>=1.0 <2`, `>= 1.0, < 2`, `v1.x`, `~1.2`, `^1.2`, `1.x || 2.x`. Tags are
// read leniently as Masterminds does ("v1", "1.2", "v1.2.3-rc.1"); the highest
// tag that satisfies the range wins, prereleases only when the range names one.
import semver from 'semver';

/** The node-semver range for a Masterminds constraint, or undefined when it is not one. */
export function semverRange(constraint: string): string | undefined {
  const range = semver.validRange(constraint.trim().replace(/,/g, ' '));
  return range ?? undefined;
}

/** A tag as a semver version, or undefined when the tag is not a version. */
export function tagVersion(tag: string): semver.SemVer | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(tag);
  if (!match) return undefined;
  const [, major, minor = '0', patch = '0', prerelease = '', build = ''] = match;
  return semver.parse(`${major}.${minor}.${patch}${prerelease}${build}`) ?? undefined;
}

/** The highest tag satisfying `constraint`, or undefined (also when `constraint` is not a range). */
export function selectSemverTag(tags: readonly string[], constraint: string): string | undefined {
  const range = semverRange(constraint);
  if (range === undefined) return undefined;
  let best: { tag: string; version: semver.SemVer } | undefined;
  for (const tag of tags) {
    const version = tagVersion(tag);
    if (!version || !semver.satisfies(version, range)) continue;
    if (!best || semver.gt(version, best.version)) best = { tag, version };
  }
  return best?.tag;
}
