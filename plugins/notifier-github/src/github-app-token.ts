// A GitHub App's installation token, as Argo CD's github service gets one from
// `appID`, `installationID` and `privateKey`: a JWT (RS256, issued by the app,
// valid 10 minutes) exchanged at POST /app/installations/{id}/access_tokens.
// The signature comes from host.crypto.sign; everything else is pure.
import { type HttpRequest } from '@driftless/plugin-sdk';

export interface AppCredentials {
  appID: string;
  installationID: string;
  privateKey: string;
}

/** The app credentials of a service, none when it has none, or what is missing. */
export function appCredentials(config: Record<string, unknown>): AppCredentials | { invalid: string } | undefined {
  const { appID, installationID, privateKey } = config;
  if (appID === undefined && installationID === undefined && privateKey === undefined) return undefined;
  const text = (value: unknown) =>
    typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  const credentials = { appID: text(appID), installationID: text(installationID), privateKey: text(privateKey) };
  const missing = Object.entries(credentials)
    .filter(([, value]) => value === '')
    .map(([name]) => name);
  return missing.length > 0 ? { invalid: `GitHub App credentials need ${missing.join(', ')}` } : credentials;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url of ASCII text (JWT headers and claims are JSON of ASCII here); isolates have no Buffer or btoa. */
export function base64url(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index += 3) {
    const a = text.charCodeAt(index);
    const b = index + 1 < text.length ? text.charCodeAt(index + 1) : -1;
    const c = index + 2 < text.length ? text.charCodeAt(index + 2) : -1;
    out += ALPHABET[a >> 2];
    out += ALPHABET[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)];
    if (b >= 0) out += ALPHABET[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)];
    if (c >= 0) out += ALPHABET[c & 63];
  }
  return out;
}

/** What the app signs: `header.claims`, issued a minute back (clock skew), expiring in nine. */
export function appJwtSigningInput(appID: string, nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ iat: nowSeconds - 60, exp: nowSeconds + 540, iss: appID }));
  return `${header}.${claims}`;
}

export function installationTokenRequest(base: string, installationID: string, jwt: string): HttpRequest {
  return {
    url: `${base}/app/installations/${encodeURIComponent(installationID)}/access_tokens`,
    method: 'POST',
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${jwt}`,
      'X-GitHub-Api-Version': '2022-11-28',
    },
  };
}

/** The token and when it expires (ms since the epoch), from GitHub's answer. */
export function installationToken(body: string): { token: string; expiresAt: number } | undefined {
  try {
    const answer = JSON.parse(body) as { token?: unknown; expires_at?: unknown };
    if (typeof answer.token !== 'string' || answer.token === '') return undefined;
    const expiresAt = typeof answer.expires_at === 'string' ? Date.parse(answer.expires_at) : Number.NaN;
    return { token: answer.token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + 50 * 60_000 };
  } catch {
    return undefined;
  }
}
