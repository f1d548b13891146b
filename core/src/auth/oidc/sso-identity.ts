// From a verified id_token to the identity a Driftless SSO session carries,
// and back to what RBAC and userInfo see (pure).
//
// As Argo CD: the RBAC user is `federated_claims.user_id` (Dex) or `sub`; the
// RBAC groups are the values of the claims argocd-rbac-cm `scopes` names
// (default `[groups]`); the displayed username is `email`, else the user id.
// Driftless keeps `groups` as the values of oidc.config `groupsClaim` (default
// `groups`), and the values of any other claim `scopes` names at login time.
import { type RbacClaims, parseProjectSubject } from '../../rbac';

export interface SsoIdentity {
  /** The identity provider's issuer URL. */
  issuer: string;
  subject: string;
  email: string | undefined;
  name: string | undefined;
  groups: string[];
  /** Dex's `federated_claims.user_id`, which Argo CD prefers to `sub` as the RBAC user. */
  federatedUserId: string | undefined;
  /** Further claims argocd-rbac-cm `scopes` named at login (string or list of strings). */
  scopeClaims: Record<string, string | string[]>;
}

export interface ClaimMappingOptions {
  /** The id_token claim holding the groups (oidc.config `groupsClaim`, default `groups`). */
  groupsClaim: string;
  /** argocd-rbac-cm `scopes` at login. */
  scopes: readonly string[];
}

/** More groups than this are refused rather than cut: dropping one could drop a deny. */
export const MAX_GROUPS = 1_000;
const MAX_VALUE_LENGTH = 1_024;
/** Claims a session never copies from scopes (they describe the token, not the user, or are mapped already). */
const NOT_SCOPE_CLAIMS = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'nbf',
  'jti',
  'nonce',
  'azp',
  'at_hash',
  'c_hash',
  'auth_time',
  'acr',
  'amr',
  'sid',
  'email',
  'name',
  'groups',
  'federated_claims',
]);

export type ClaimMappingResult = { ok: true; identity: SsoIdentity } | { ok: false; problem: string };

export function ssoIdentityFromClaims(
  claims: Readonly<Record<string, unknown>>,
  options: ClaimMappingOptions,
): ClaimMappingResult {
  const issuer = claims['iss'];
  const subject = claims['sub'];
  if (typeof issuer !== 'string' || issuer === '') return { ok: false, problem: 'the id_token has no iss' };
  if (typeof subject !== 'string' || subject === '') return { ok: false, problem: 'the id_token has no sub' };
  const federatedUserId = federatedUser(claims['federated_claims']);
  const user = federatedUserId ?? subject;
  // `proj:<project>:<role>` is how project tokens name themselves to RBAC; no SSO user may look like one.
  if (parseProjectSubject(user) !== undefined || user.startsWith('proj:'))
    return { ok: false, problem: `the user id ${JSON.stringify(user)} looks like a project role token and is refused` };
  if (user.length > MAX_VALUE_LENGTH) return { ok: false, problem: 'the user id is too long' };

  const checked = checkedGroups(claims, options.groupsClaim, 'the id_token');
  if (!checked.ok) return checked;
  const { groups } = checked;

  const scopeClaims: Record<string, string | string[]> = {};
  for (const scope of options.scopes) {
    if (NOT_SCOPE_CLAIMS.has(scope) || scope === options.groupsClaim || !Object.hasOwn(claims, scope)) continue;
    const values = stringValues(claims[scope]);
    if (values === 'invalid' || values.length > MAX_GROUPS || values.some((v) => v.length > MAX_VALUE_LENGTH)) continue;
    const raw = claims[scope];
    scopeClaims[scope] = typeof raw === 'string' ? raw : values;
  }
  return {
    ok: true,
    identity: {
      issuer,
      subject,
      email: nonEmptyString(claims['email']),
      name: nonEmptyString(claims['name']),
      groups,
      federatedUserId,
      scopeClaims,
    },
  };
}

/**
 * The groups in `claims[groupsClaim]` (a string or a list of strings), refused
 * rather than cut when there are too many or one is too long. `source` names
 * where the claims come from, for the message.
 */
export function checkedGroups(
  claims: Readonly<Record<string, unknown>>,
  groupsClaim: string,
  source: string,
): { ok: true; groups: string[] } | { ok: false; problem: string } {
  const groups = stringValues(claims[groupsClaim]);
  if (groups === 'invalid')
    return { ok: false, problem: `${source} claim ${groupsClaim} is neither a string nor a list of strings` };
  if (groups.length > MAX_GROUPS)
    return { ok: false, problem: `${source} lists ${groups.length} groups; at most ${MAX_GROUPS} are accepted` };
  if (groups.some((group) => group.length > MAX_VALUE_LENGTH))
    return { ok: false, problem: 'a group name is longer than 1024 characters' };
  return { ok: true, groups: [...new Set(groups)] };
}

/** Argo CD's session.Username for tokens of an identity provider: email, else the user id. */
export function ssoUsername(identity: SsoIdentity): string {
  return identity.email ?? identity.federatedUserId ?? identity.subject;
}

/** Argo CD's CLI `userDisplayName`: email, else name, else the user id. */
export function ssoDisplayName(identity: SsoIdentity): string {
  return identity.email ?? identity.name ?? identity.federatedUserId ?? identity.subject;
}

/** The claims RBAC evaluates for an SSO session (verified: they come from our own signed session). */
export function ssoRbacClaims(identity: SsoIdentity, tokenId: string): RbacClaims {
  const claims: Record<string, unknown> = { ...identity.scopeClaims };
  claims['iss'] = identity.issuer;
  claims['sub'] = identity.subject;
  claims['jti'] = tokenId;
  claims['groups'] = [...identity.groups];
  if (identity.email !== undefined) claims['email'] = identity.email;
  if (identity.name !== undefined) claims['name'] = identity.name;
  if (identity.federatedUserId !== undefined) claims['federated_claims'] = { user_id: identity.federatedUserId };
  return claims;
}

function federatedUser(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return nonEmptyString((value as Record<string, unknown>)['user_id']);
}

function stringValues(value: unknown): string[] | 'invalid' {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.filter((v) => v !== '');
  return 'invalid';
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= MAX_VALUE_LENGTH ? value : undefined;
}
