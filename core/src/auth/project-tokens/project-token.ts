// Argo CD's project role tokens: HS256 JWTs signed with argocd-secret
// `server.secretkey`, claims iss "argocd", sub "proj:<project>:<role>", iat,
// nbf, jti (the token id) and exp when it expires. A token is valid only while
// its role lists it in `spec.roles[].jwtTokens` (matched by id, else by iat,
// as Argo CD's GetJWTToken), so deleting the entry revokes it everywhere.
// Verification returns claims or a reason, never both (security.md row 15). Pure.
import { SignJWT, errors } from 'jose';
import { VerifiedJwts } from '../session/verified-jwts';
import { type JWTToken, type ProjectRole } from '@driftless/schema';
import { parseProjectSubject } from '../../rbac';

export const PROJECT_TOKEN_ISSUER = 'argocd';

export interface ProjectTokenClaims {
  project: string;
  role: string;
  /** Token id (`jti`); Argo CD allows tokens without one (matched by iat then). */
  id: string;
  /** Whole seconds since the epoch. */
  issuedAt: number;
  /** Seconds since the epoch; undefined: never expires. */
  expiresAt: number | undefined;
}

export type ProjectTokenCheck = { valid: true; claims: ProjectTokenClaims } | { valid: false; reason: string };

export const projectSubject = (project: string, role: string): string => `proj:${project}:${role}`;

export async function signProjectToken(key: Uint8Array, claims: ProjectTokenClaims): Promise<string> {
  const jwt = new SignJWT({ iat: claims.issuedAt })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(PROJECT_TOKEN_ISSUER)
    .setSubject(projectSubject(claims.project, claims.role))
    .setNotBefore(claims.issuedAt);
  if (claims.id !== '') jwt.setJti(claims.id);
  if (claims.expiresAt !== undefined) jwt.setExpirationTime(claims.expiresAt);
  return jwt.sign(key);
}

const projectTokens = new VerifiedJwts({
  algorithms: ['HS256'],
  issuer: PROJECT_TOKEN_ISSUER,
  requiredClaims: ['sub', 'iat'],
});

/**
 * The claims of a project token signed with `key`; undefined when the token is
 * not one (another kind of session token, or not ours at all), so the caller
 * goes on with its other verifications.
 */
export async function verifyProjectToken(
  key: Uint8Array,
  token: string,
  nowMs = Date.now(),
): Promise<ProjectTokenCheck | undefined> {
  let payload: Record<string, unknown>;
  try {
    payload = await projectTokens.verify(token, key, nowMs);
  } catch (error) {
    // Only a token whose signature checks out may claim to be a project token.
    if (
      error instanceof errors.JWTExpired &&
      typeof error.payload.sub === 'string' &&
      isProjectSubject(error.payload.sub)
    )
      return { valid: false, reason: 'token expired' };
    return undefined;
  }
  const { sub, iat, exp, jti } = payload;
  if (typeof sub !== 'string' || !isProjectSubject(sub)) return undefined;
  const subject = parseProjectSubject(sub);
  if (subject === undefined || typeof iat !== 'number' || (jti !== undefined && typeof jti !== 'string'))
    return { valid: false, reason: 'malformed claims' };
  return {
    valid: true,
    claims: {
      project: subject.project,
      role: subject.role,
      id: jti ?? '',
      issuedAt: iat,
      expiresAt: typeof exp === 'number' ? exp : undefined,
    },
  };
}

const isProjectSubject = (subject: string): boolean => subject.startsWith('proj:');

/** The role's record of a token: by id when the token has one, else by issued-at (Argo CD's GetJWTToken). */
export function recordedToken(
  role: ProjectRole | undefined,
  claims: Pick<ProjectTokenClaims, 'id' | 'issuedAt'>,
): JWTToken | undefined {
  const tokens = role?.jwtTokens ?? [];
  return claims.id !== ''
    ? tokens.find((token) => token.id === claims.id)
    : tokens.find((token) => token.iat === claims.issuedAt && !token.id);
}

/** The record a new token adds to its role: iat, exp when it expires, id. */
export function tokenRecord(claims: ProjectTokenClaims): JWTToken {
  return {
    iat: claims.issuedAt,
    ...(claims.expiresAt !== undefined ? { exp: claims.expiresAt } : {}),
    ...(claims.id !== '' ? { id: claims.id } : {}),
  };
}
