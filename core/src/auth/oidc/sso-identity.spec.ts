import { createRbacEnforcer, rbacConfigFromData } from '../../rbac';
import { MAX_GROUPS, ssoDisplayName, ssoIdentityFromClaims, ssoRbacClaims, ssoUsername } from './sso-identity';

const base = { iss: 'https://idp.example.com', sub: 'u-123', aud: 'argo', exp: 2, iat: 1, nonce: 'n' };
const map = (claims: Record<string, unknown>, groupsClaim = 'groups', scopes: string[] = ['groups']) =>
  ssoIdentityFromClaims({ ...base, ...claims }, { groupsClaim, scopes });

describe('claim mapping', () => {
  it('maps sub, email, name and the groups claim; the username is email, else the user id', () => {
    const mapped = map({ email: 'a@example.com', name: 'Alice', groups: ['team-a', 'team-a', 'ops'] });
    expect(mapped).toEqual({
      ok: true,
      identity: {
        issuer: 'https://idp.example.com',
        subject: 'u-123',
        email: 'a@example.com',
        name: 'Alice',
        groups: ['team-a', 'ops'],
        federatedUserId: undefined,
        scopeClaims: {},
      },
    });
    if (!mapped.ok) return;
    expect(ssoUsername(mapped.identity)).toBe('a@example.com');
    const bare = map({});
    if (!bare.ok) throw new Error('expected a mapping');
    expect(ssoUsername(bare.identity)).toBe('u-123');
    expect(bare.identity.groups).toEqual([]);
  });

  it('reads groups from the configured claim, a string counting as one group', () => {
    expect(map({ roles: ['admin'], groups: ['ignored'] }, 'roles')).toMatchObject({ identity: { groups: ['admin'] } });
    expect(map({ groups: 'solo' })).toMatchObject({ identity: { groups: ['solo'] } });
  });

  it("prefers Dex's federated_claims.user_id as the user, as Argo CD 3 does", () => {
    const mapped = map({ federated_claims: { connector_id: 'github', user_id: 'gh-42' }, name: 'N' });
    if (!mapped.ok) throw new Error('expected a mapping');
    expect(mapped.identity.federatedUserId).toBe('gh-42');
    expect(ssoUsername(mapped.identity)).toBe('gh-42');
    expect(ssoDisplayName(mapped.identity)).toBe('N');
    expect(ssoRbacClaims(mapped.identity, 'jti-1')).toEqual({
      iss: 'https://idp.example.com',
      sub: 'u-123',
      jti: 'jti-1',
      groups: [],
      name: 'N',
      federated_claims: { user_id: 'gh-42' },
    });
  });

  it('keeps further claims argocd-rbac-cm scopes names, never token bookkeeping claims', () => {
    const mapped = map({ teams: ['x', 'y'], dept: 'ops', nonce: 'n', groups: ['g'] }, 'groups', [
      'groups',
      'teams',
      'dept',
      'nonce',
      'aud',
      'absent',
    ]);
    expect(mapped).toMatchObject({ ok: true, identity: { scopeClaims: { teams: ['x', 'y'], dept: 'ops' } } });
  });

  it('refuses rather than guesses: no sub, malformed or too many groups, a project-token-like user', () => {
    expect(ssoIdentityFromClaims({ iss: 'https://idp' }, { groupsClaim: 'groups', scopes: [] })).toEqual({
      ok: false,
      problem: 'the id_token has no sub',
    });
    expect(map({ groups: [1, 2] })).toEqual({
      ok: false,
      problem: 'the id_token claim groups is neither a string nor a list of strings',
    });
    expect(map({ groups: Array.from({ length: MAX_GROUPS + 1 }, (_, i) => `g${i}`) })).toMatchObject({ ok: false });
    expect(map({ sub: 'proj:team:ci' })).toMatchObject({ ok: false, problem: expect.stringContaining('project role') });
    expect(map({ federated_claims: { user_id: 'proj:a:b' } })).toMatchObject({ ok: false });
  });

  it('gives RBAC what Argo CD enforces: groups from scopes, email when scopes names it', async () => {
    const enforcer = await createRbacEnforcer(
      rbacConfigFromData({
        'policy.csv': 'p, role:dev, applications, get, dev/*, allow\ng, devs, role:dev\ng, b@example.com, role:dev\n',
      }),
    );
    const withScopes = async (scopes: string) =>
      createRbacEnforcer(
        rbacConfigFromData({
          'policy.csv': 'p, role:dev, applications, get, dev/*, allow\ng, b@example.com, role:dev\n',
          scopes,
        }),
      );
    const member = map({ groups: ['devs'] });
    const byEmail = map({ email: 'b@example.com' });
    if (!member.ok || !byEmail.ok) throw new Error('expected mappings');
    expect(enforcer.canSync(ssoRbacClaims(member.identity, 'j'), 'get', 'applications', 'dev/web')).toBe(true);
    expect(enforcer.canSync(ssoRbacClaims(member.identity, 'j'), 'get', 'applications', 'prod/web')).toBe(false);
    expect(enforcer.canSync(ssoRbacClaims(byEmail.identity, 'j'), 'get', 'applications', 'dev/web')).toBe(false);
    const emailScoped = await withScopes('[groups, email]');
    expect(emailScoped.canSync(ssoRbacClaims(byEmail.identity, 'j'), 'get', 'applications', 'dev/web')).toBe(true);
  });
});
