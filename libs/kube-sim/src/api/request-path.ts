// Parses a resource URL (/api/v1/..., /apis/<group>/<version>/...) into the
// type, namespace, name and subresource it addresses.
import type { ResourceType } from '../registry/resource-type';
import type { TypeRegistry } from '../registry/type-registry';

export interface ResourcePath {
  type: ResourceType;
  group: string;
  version: string;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

export type ParsedPath =
  | { kind: 'resource'; path: ResourcePath }
  | { kind: 'unknown-resource'; group: string; version: string; plural: string }
  | { kind: 'other' };

export function parseResourcePath(pathname: string, types: TypeRegistry): ParsedPath {
  const segments = pathname
    .split('/')
    .filter((segment) => segment.length > 0)
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    rest = segments.slice(3);
  } else {
    return { kind: 'other' };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const candidate = types.resolve(group, version, rest[2] ?? '');
    if (candidate?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const plural = rest[0] ?? '';
  const type = types.resolve(group, version, plural);
  if (!type || rest.length > 3) {
    const unknownPlural = rest[0] === 'namespaces' && rest.length >= 3 ? (rest[2] ?? '') : plural;
    return { kind: 'unknown-resource', group, version, plural: unknownPlural };
  }
  return { kind: 'resource', path: { type, group, version, namespace, name: rest[1], subresource: rest[2] } };
}
