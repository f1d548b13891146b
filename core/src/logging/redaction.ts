// Paths pino replaces with "[redacted]" wherever they appear in a log record,
// so credentials passed around in objects never reach the log stream.
export const redactedPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'bearerToken',
  '*.bearerToken',
  'clientSecret',
  '*.clientSecret',
  'sshPrivateKey',
  '*.sshPrivateKey',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  // Webhook credentials some providers send as plain headers (GitLab's token, Bitbucket Cloud's uuid).
  'req.headers["x-gitlab-token"]',
  'req.headers["x-hook-uuid"]',
  'res.headers["set-cookie"]',
];

/** Removes userinfo from URLs in free text ("https://user:pass@host" → "https://***@host"). */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}
