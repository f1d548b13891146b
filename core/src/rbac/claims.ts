// Who a token speaks for, as Argo CD's claims enforcer reads it: the user is
// `federated_claims.user_id` when the IdP supplies it, else `sub`; the groups
// are the values of the claims named in `scopes` (a string or a list of strings).

/** Verified token claims. RBAC never verifies tokens: pass only claims the session layer has verified. */
export type RbacClaims = Readonly<Record<string, unknown>>;

export function userIdentifier(claims: RbacClaims): string {
  const federated = claims['federated_claims'];
  if (federated !== null && typeof federated === 'object') {
    const userId = (federated as Record<string, unknown>)['user_id'];
    if (typeof userId === 'string' && userId !== '') return userId;
  }
  const sub = claims['sub'];
  return typeof sub === 'string' ? sub : '';
}

export function groupsFromClaims(claims: RbacClaims, scopes: readonly string[]): string[] {
  const groups: string[] = [];
  for (const scope of scopes) {
    if (!Object.hasOwn(claims, scope)) continue;
    const value = claims[scope];
    if (typeof value === 'string') groups.push(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') groups.push(item);
  }
  return groups;
}

/** `proj:<project>:<role>` subjects, which project tokens carry. */
export function parseProjectSubject(subject: string): { project: string; role: string } | undefined {
  const parts = subject.split(':');
  if (parts.length !== 3 || parts[0] !== 'proj') return undefined;
  return { project: parts[1] as string, role: parts[2] as string };
}
