import { type AppProject } from '@driftless/schema';
import {
  newProject,
  updatedProject,
  withoutRole,
  withoutSyncWindow,
  withoutToken,
  withRole,
  withSyncWindow,
  withToken,
} from './project-spec';

const base = newProject(
  { name: 'team', spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] } },
  'argocd',
);
const withCi: AppProject = withToken(
  withRole(base, { name: 'ci', policies: ['p, proj:team:ci, applications, sync, team/*, allow'] }, 'create'),
  'ci',
  { iat: 10, id: 't1' },
);

describe('AppProjects from API input', () => {
  it('builds the AppProject in the control-plane namespace', () => {
    expect(base).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team', namespace: 'argocd' },
      spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] },
    });
  });

  it('refuses role tokens, unknown fields and policies reaching outside the project', () => {
    expect(() =>
      newProject({ name: 'p', spec: { roles: [{ name: 'r', jwtTokens: [{ iat: 1 }] }] } }, 'argocd'),
    ).toThrow(/jwtTokens is set by the server/);
    expect(() => newProject({ name: 'p', spec: { sourceRepo: ['*'] } }, 'argocd')).toThrow(/invalid project/);
    expect(() =>
      withRole(base, { name: 'ci', policies: ['p, proj:team:ci, applications, get, other/*, allow'] }, 'create'),
    ).toThrow(/object must be 'team\/\*'/);
    expect(() =>
      withRole(base, { name: 'ci', policies: ['p, proj:other:ci, applications, get, team/*, allow'] }, 'create'),
    ).toThrow(/subject must be 'proj:team:ci'/);
    expect(() => withRole(withCi, { name: 'ci' }, 'create')).toThrow(/already has a role ci/);
  });

  it('keeps the tokens of roles that stay when the spec is replaced or a role updated', () => {
    const replaced = updatedProject(withCi, {
      name: 'team',
      spec: {
        sourceRepos: ['https://git.example.com/*'],
        roles: [{ name: 'ci', description: 'builds' }, { name: 'new' }],
      },
    });
    expect(replaced.spec.roles).toEqual([
      { name: 'ci', description: 'builds', jwtTokens: [{ iat: 10, id: 't1' }] },
      { name: 'new' },
    ]);
    const role = withRole(withCi, { name: 'ci', groups: ['dev'] }, 'update').spec.roles?.[0];
    expect(role).toEqual({ name: 'ci', groups: ['dev'], jwtTokens: [{ iat: 10, id: 't1' }] });
    expect(withoutRole(withCi, 'ci').spec.roles).toEqual([]);
  });

  it('records and revokes tokens by id or issued-at', () => {
    expect(() => withToken(withCi, 'ci', { iat: 11, id: 't1' })).toThrow(/already has a token with id t1/);
    expect(() => withToken(withCi, 'nope', { iat: 11 })).toThrow(/has no role nope/);
    expect(withoutToken(withCi, 'ci', { id: 't1' }).spec.roles?.[0]?.jwtTokens).toEqual([]);
    expect(withoutToken(withCi, 'ci', { iat: 10 }).spec.roles?.[0]?.jwtTokens).toEqual([]);
    expect(() => withoutToken(withCi, 'ci', { id: 'x' })).toThrow(/has no token with id x/);
  });

  it('adds, replaces and deletes sync windows by position, checked against the CRD schema', () => {
    const window = { kind: 'deny' as const, schedule: '0 22 * * *', duration: '1h', applications: ['*'] };
    const one = withSyncWindow(base, window);
    expect(one.spec.syncWindows).toEqual([window]);
    expect(withSyncWindow(one, { ...window, duration: '2h' }, 0).spec.syncWindows?.[0]?.duration).toBe('2h');
    expect(() => withSyncWindow(one, window, 3)).toThrow(/no sync window 3/);
    expect(() => withSyncWindow(base, { ...window, kind: 'maybe' as never })).toThrow(/invalid project/);
    expect(withoutSyncWindow(one, 0).spec.syncWindows).toEqual([]);
  });
});
