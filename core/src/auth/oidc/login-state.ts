// The state of one browser login between /auth/login and /auth/callback, kept
// in the browser as Argo CD keeps it: an HttpOnly cookie (`argocd.oauthstate`,
// SameSite=Lax so the identity provider's redirect back carries it, Path
// /auth/callback, five minutes), its value encrypted and authenticated
// (JWE dir/A256GCM) with a key derived from argocd-secret `server.secretkey`.
// It holds the random state, nonce and PKCE verifier and the return path; no
// server-side store, so any replica completes the login and nothing piles up.
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { CALLBACK_PATH } from './oidc-config';

export const STATE_COOKIE = 'argocd.oauthstate';
export const STATE_MAX_AGE_SECONDS = 300;
const KEY_LABEL = 'driftless oidc login state v1';

export interface LoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A path on this server (see return-url.ts). */
  returnPath: string;
  /** The redirect_uri the authorization request used; the code is redeemed with the same. */
  redirectUri: string;
}

function stateKey(serverKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', serverKey, new Uint8Array(0), KEY_LABEL, 32));
}

export async function sealLoginState(serverKey: Uint8Array, value: LoginState, nowMs = Date.now()): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new EncryptJWT({
    s: value.state,
    n: value.nonce,
    v: value.codeVerifier,
    r: value.returnPath,
    u: value.redirectUri,
  })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(now)
    .setExpirationTime(now + STATE_MAX_AGE_SECONDS)
    .encrypt(stateKey(serverKey));
}

/** The login state of a cookie value, or undefined when it is not ours, was altered, or expired. */
export async function openLoginState(
  serverKey: Uint8Array,
  sealed: string,
  nowMs = Date.now(),
): Promise<LoginState | undefined> {
  try {
    const { payload } = await jwtDecrypt(sealed, stateKey(serverKey), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      currentDate: new Date(nowMs),
      requiredClaims: ['exp'],
    });
    const { s, n, v, r, u } = payload;
    if ([s, n, v, r, u].some((item) => typeof item !== 'string' || item === '')) return undefined;
    return {
      state: s as string,
      nonce: n as string,
      codeVerifier: v as string,
      returnPath: r as string,
      redirectUri: u as string,
    };
  } catch {
    return undefined;
  }
}

/** `path`: the callback's path as the browser sees it (argocd-cm `url` may have a base path). */
export function stateCookie(value: string, secure: boolean, path = CALLBACK_PATH): string {
  const attributes = [
    `${STATE_COOKIE}=${value}`,
    `Path=${path}`,
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${STATE_MAX_AGE_SECONDS}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function clearedStateCookie(secure: boolean, path = CALLBACK_PATH): string {
  const attributes = [`${STATE_COOKIE}=`, `Path=${path}`, 'HttpOnly', 'SameSite=Lax', 'Max-Age=0'];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
