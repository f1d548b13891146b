// Where /auth/login may send the browser after a successful login (pure).
// Only this server's own pages: a path such as `/applications?x=1`, or an
// absolute URL on the origin (and under the path) of argocd-cm `url`, which is
// turned into a path. Anything a browser could read as another origin is
// refused: `//host`, `/\host`, schemes, control characters and whitespace
// (browsers drop tabs and newlines, so `/\t/host` would become `//host`).

export const MAX_RETURN_URL_LENGTH = 2_048;

export type ReturnUrlResult = { ok: true; path: string } | { ok: false; reason: string };

export function safeReturnPath(raw: string | undefined, externalUrl: string | undefined): ReturnUrlResult {
  if (raw === undefined || raw === '') return { ok: true, path: '/' };
  if (raw.length > MAX_RETURN_URL_LENGTH) return refuse('return_url is too long');
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return refuse('return_url has spaces, control characters or "\\"');
  if (raw.startsWith('/')) {
    if (raw.startsWith('//')) return refuse('return_url must be a path on this server');
    return samePath(raw);
  }
  if (externalUrl === undefined) return refuse('return_url must be a path on this server, such as /applications');
  let target: URL;
  let base: URL;
  try {
    target = new URL(raw);
    base = new URL(externalUrl);
  } catch {
    return refuse('return_url must be a path on this server, such as /applications');
  }
  if (target.origin !== base.origin || target.username !== '' || target.password !== '')
    return refuse('return_url must be on this server');
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  if (target.pathname !== base.pathname && !target.pathname.startsWith(basePath))
    return refuse('return_url must be on this server');
  return samePath(`${target.pathname}${target.search}${target.hash}`);
}

/** Resolves the path against a placeholder origin and keeps it only if it stays there (dot segments, encodings). */
function samePath(path: string): ReturnUrlResult {
  const origin = 'https://return-url.invalid';
  let resolved: URL;
  try {
    resolved = new URL(path, origin);
  } catch {
    return refuse('return_url is not a valid path');
  }
  if (resolved.origin !== origin) return refuse('return_url must be a path on this server');
  const result = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (!result.startsWith('/') || result.startsWith('//')) return refuse('return_url must be a path on this server');
  return { ok: true, path: result };
}

function refuse(reason: string): ReturnUrlResult {
  return { ok: false, reason };
}
