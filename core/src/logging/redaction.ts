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
  'res.headers["set-cookie"]',
];

/** Removes userinfo from URLs in free text ("https://user:pass@host" → "https://***@host"). */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}
