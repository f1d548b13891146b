// Where a request's token comes from, as Argo CD's server reads it: the
// `Authorization: Bearer` header, else the `argocd.token` cookie the login
// mutation sets (HttpOnly, SameSite=Strict).

export const TOKEN_COOKIE = 'argocd.token';

type HeaderValue = string | string[] | undefined;

export function tokenFromHeaders(headers: Readonly<Record<string, HeaderValue>>): string | undefined {
  const authorization = single(headers['authorization']);
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  return cookieValue(single(headers['cookie']), TOKEN_COOKIE);
}

/** `Authorization` from graphql-ws connection_init params: `Bearer <token>` or the bare token. */
export function tokenFromConnectionParams(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.['authorization'] ?? params?.['Authorization'];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value.trim());
  return match ? match[1] : value.trim();
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeSeconds: number | undefined, secure: boolean): string {
  const attributes = [`${TOKEN_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (maxAgeSeconds !== undefined) attributes.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`);
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

function single(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
