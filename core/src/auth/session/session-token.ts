// Argo CD's local session tokens: HS256 JWTs signed with argocd-secret
// `server.secretkey`, claims iss "argocd", sub "<account>:<capability>", iat,
// nbf, exp (absent for non-expiring API tokens) and jti. Verification returns
// claims or a reason, never both (security.md row 15: unverified claims must
// never reach RBAC).
import { SignJWT, errors } from 'jose';
import type { AccountCapability } from '../accounts/local-accounts';
import { VerifiedJwts } from './verified-jwts';

export const SESSION_ISSUER = 'argocd';

export interface SessionClaims {
  account: string;
  capability: AccountCapability;
  /** Token id (`jti`). */
  id: string;
  /** Seconds since the epoch, with millisecond precision so a password change in the same second still revokes. */
  issuedAt: number;
  /** Seconds since the epoch; undefined: never expires (API tokens created with expiresIn 0). */
  expiresAt: number | undefined;
}

const sessionTokens = new VerifiedJwts({
  algorithms: ['HS256'],
  issuer: SESSION_ISSUER,
  requiredClaims: ['sub', 'iat', 'jti'],
});

export type VerifyResult = { valid: true; claims: SessionClaims } | { valid: false; reason: string };

export async function signSessionToken(key: Uint8Array, claims: SessionClaims): Promise<string> {
  const jwt = new SignJWT({ iat: claims.issuedAt })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(SESSION_ISSUER)
    .setSubject(`${claims.account}:${claims.capability}`)
    .setNotBefore(Math.floor(claims.issuedAt))
    .setJti(claims.id);
  if (claims.expiresAt !== undefined) jwt.setExpirationTime(claims.expiresAt);
  return jwt.sign(key);
}

export async function verifySessionToken(key: Uint8Array, token: string, nowMs = Date.now()): Promise<VerifyResult> {
  let payload: Record<string, unknown>;
  try {
    payload = await sessionTokens.verify(token, key, nowMs);
  } catch (error) {
    return { valid: false, reason: describeJoseError(error) };
  }
  const { sub, iat, exp, jti } = payload;
  if (typeof sub !== 'string' || typeof iat !== 'number' || typeof jti !== 'string')
    return { valid: false, reason: 'malformed claims' };
  const [account, capability] = splitSubject(sub);
  if (account === '') return { valid: false, reason: 'malformed subject' };
  return {
    valid: true,
    claims: { account, capability, id: jti, issuedAt: iat, expiresAt: typeof exp === 'number' ? exp : undefined },
  };
}

/** `admin:login` → admin, login; a bare name is an API key (Argo CD's GetSubjectAccountAndCapability). */
function splitSubject(subject: string): [string, AccountCapability] {
  const [account = '', capability] = subject.split(':');
  return [account, capability === 'login' ? 'login' : 'apiKey'];
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `invalid claim ${error.claim}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  return 'malformed token';
}
