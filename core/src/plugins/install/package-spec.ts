// What `driftless plugin install <spec>` accepts: a tarball file, an https URL
// of a tarball, or an npm package name with an optional version range.
import { validRange } from 'semver';

export type PackageSpec =
  { kind: 'file'; path: string } | { kind: 'url'; url: string } | { kind: 'registry'; name: string; range: string };

const packageName = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

export class PackageSpecError extends Error {}

export function parsePackageSpec(spec: string): PackageSpec {
  if (/^https?:\/\//i.test(spec)) return { kind: 'url', url: spec };
  if (
    spec.endsWith('.tgz') ||
    spec.endsWith('.tar.gz') ||
    spec.startsWith('.') ||
    spec.startsWith('/') ||
    spec.startsWith('file:')
  ) {
    return { kind: 'file', path: spec.replace(/^file:/, '') };
  }
  const at = spec.lastIndexOf('@');
  const [name, range] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, '*'];
  if (!packageName.test(name)) throw new PackageSpecError(`"${spec}" is not a package name, tarball path or https URL`);
  if (validRange(range) === null) throw new PackageSpecError(`"${range}" in "${spec}" is not a version or range`);
  return { kind: 'registry', name, range };
}
