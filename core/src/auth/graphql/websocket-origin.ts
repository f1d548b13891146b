// Cross-site WebSocket hijacking (security.md BI-CSRF-2): browsers send cookies
// with a WebSocket upgrade from any site and apply no CORS, so the server
// checks Origin itself. Allowed: no Origin (not a browser: the CLI, tools),
// the server's own origin (Origin's host equals Host), or a configured one.

export function websocketOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin.replace(/\/$/, ''))) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return host !== undefined && parsed.host.toLowerCase() === host.toLowerCase();
}
