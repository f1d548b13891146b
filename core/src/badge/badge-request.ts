// The query of `GET /api/badge`, as Argo CD reads it: the first value of each
// parameter; `revision`, `keepFullRevision` and `showAppName` are on when "true"
// (any case); `width` is a number of pixels.

export interface BadgeRequest {
  name?: string;
  namespace?: string;
  revision: boolean;
  keepFullRevision: boolean;
  showAppName: boolean;
  width?: number;
}

const MAX_WIDTH = 2_000;

export function badgeRequestFrom(query: Record<string, unknown>): BadgeRequest {
  const first = (key: string): string | undefined => {
    const value = Object.hasOwn(query, key) ? query[key] : undefined;
    const item = Array.isArray(value) ? (value[0] as unknown) : value;
    return typeof item === 'string' ? item : undefined;
  };
  const flag = (key: string) => first(key)?.toLowerCase() === 'true';
  const request: BadgeRequest = {
    revision: flag('revision'),
    keepFullRevision: flag('keepFullRevision'),
    showAppName: flag('showAppName'),
  };
  const name = first('name');
  if (name !== undefined) request.name = name;
  const namespace = first('namespace');
  if (namespace !== undefined) request.namespace = namespace;
  const width = Number(first('width'));
  if (first('width') !== undefined && Number.isInteger(width) && width > 0 && width <= MAX_WIDTH) request.width = width;
  return request;
}

/** An Application name Kubernetes accepts (DNS-1123 subdomain). */
export function isValidAppName(name: string): boolean {
  return name.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name);
}

/** A namespace name Kubernetes accepts (DNS-1123 label). */
export function isValidNamespace(namespace: string): boolean {
  return namespace.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace);
}
