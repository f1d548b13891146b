// Driftless's session token for a single sign-on: an HS256 JWT like the local
// sessions (iss "argocd", sub, iat, nbf, exp, jti), with audience
// `driftless:sso` and the identity provider's view of the user in the `sso`
// claim. It is signed with a key derived from argocd-secret `server.secretkey`
// (HKDF, its own label), so an SSO token never verifies as a local-account
// token or the reverse, whatever the subject says. Verification returns claims
// or a reason, never both.
import { hkdfSync } from 'node:crypto';
import { SignJWT, decodeJwt, errors } from 'jose';
import { VerifiedJwts } from '../session/verified-jwts';
import { type SsoIdentity } from './sso-identity';

export const SSO_SESSION_ISSUER = 'argocd';
export const SSO_SESSION_AUDIENCE = 'driftless:sso';
const KEY_LABEL = 'driftless sso session v1';

export interface SsoSessionClaims {
  identity: SsoIdentity;
  /** Token id (`jti`). */
  id: string;
  /** Seconds since the epoch (with milliseconds). */
  issuedAt: number;
  /** Seconds since the epoch. SSO sessions always expire. */
  expiresAt: number;
}

export type SsoVerifyResult = { valid: true; claims: SsoSessionClaims } | { valid: false; reason: string };

/** The SSO signing key for a `server.secretkey`. */
export function ssoSessionKey(serverKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', serverKey, new Uint8Array(0), KEY_LABEL, 32));
}

/** Whether a token claims to be an SSO session (unverified: only picks the verifier; verification decides). */
export function isSsoSessionToken(token: string): boolean {
  try {
    const { aud } = decodeJwt(token);
    return aud === SSO_SESSION_AUDIENCE || (Array.isArray(aud) && aud.includes(SSO_SESSION_AUDIENCE));
  } catch {
    return false;
  }
}

export async function signSsoSession(serverKey: Uint8Array, claims: SsoSessionClaims): Promise<string> {
  const { identity } = claims;
  const sso: Record<string, unknown> = { iss: identity.issuer, groups: identity.groups };
  if (identity.email !== undefined) sso['email'] = identity.email;
  if (identity.name !== undefined) sso['name'] = identity.name;
  if (identity.federatedUserId !== undefined) sso['uid'] = identity.federatedUserId;
  if (Object.keys(identity.scopeClaims).length > 0) sso['scopes'] = identity.scopeClaims;
  return new SignJWT({ iat: claims.issuedAt, sso })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(SSO_SESSION_ISSUER)
    .setAudience(SSO_SESSION_AUDIENCE)
    .setSubject(identity.subject)
    .setNotBefore(Math.floor(claims.issuedAt))
    .setExpirationTime(claims.expiresAt)
    .setJti(claims.id)
    .sign(ssoSessionKey(serverKey));
}

const ssoSessions = new VerifiedJwts({
  algorithms: ['HS256'],
  issuer: SSO_SESSION_ISSUER,
  audience: SSO_SESSION_AUDIENCE,
  requiredClaims: ['sub', 'iat', 'exp', 'jti'],
});

export async function verifySsoSession(
  serverKey: Uint8Array,
  token: string,
  nowMs = Date.now(),
): Promise<SsoVerifyResult> {
  let payload: Record<string, unknown>;
  try {
    payload = await ssoSessions.verify(token, ssoSessionKey(serverKey), nowMs);
  } catch (error) {
    return { valid: false, reason: describeJoseError(error) };
  }
  const { sub, iat, exp, jti, sso } = payload;
  if (typeof sub !== 'string' || sub === '' || typeof iat !== 'number' || typeof exp !== 'number')
    return { valid: false, reason: 'malformed claims' };
  if (typeof jti !== 'string' || jti === '') return { valid: false, reason: 'malformed claims' };
  const identity = identityFrom(sub, sso);
  if (identity === undefined) return { valid: false, reason: 'malformed sso claim' };
  return { valid: true, claims: { identity, id: jti, issuedAt: iat, expiresAt: exp } };
}

function identityFrom(subject: string, value: unknown): SsoIdentity | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const sso = value as Record<string, unknown>;
  const { iss, groups, email, name, uid, scopes } = sso;
  if (typeof iss !== 'string' || iss === '') return undefined;
  if (!isStringList(groups)) return undefined;
  if (!optionalString(email) || !optionalString(name) || !optionalString(uid)) return undefined;
  const scopeClaims: Record<string, string | string[]> = {};
  if (scopes !== undefined) {
    if (scopes === null || typeof scopes !== 'object' || Array.isArray(scopes)) return undefined;
    for (const [claim, entry] of Object.entries(scopes as Record<string, unknown>)) {
      if (typeof entry === 'string' || isStringList(entry)) scopeClaims[claim] = entry;
      else return undefined;
    }
  }
  return {
    issuer: iss,
    subject,
    email: email as string | undefined,
    name: name as string | undefined,
    groups,
    federatedUserId: uid as string | undefined,
    scopeClaims,
  };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `invalid claim ${error.claim}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  return 'malformed token';
}
