import { applyProjectFlags, destination, durationSeconds, groupKind, rolePolicyLine } from './project-flags';

describe('project flags', () => {
  it('reads --dest as Argo CD: a URL is a server, anything else a cluster name', () => {
    expect(destination('https://kubernetes.default.svc,default')).toEqual({
      server: 'https://kubernetes.default.svc',
      namespace: 'default',
    });
    expect(destination('in-cluster,team-*')).toEqual({ name: 'in-cluster', namespace: 'team-*' });
    expect(() => destination('no-namespace')).toThrow(/SERVER,NAMESPACE/);
  });

  it('applies only the flags given', () => {
    const spec = { description: 'old', sourceRepos: ['a'], destinations: [] };
    expect(applyProjectFlags(spec, { src: ['*'], allowClusterResource: ['/Namespace'] })).toEqual({
      description: 'old',
      sourceRepos: ['*'],
      destinations: [],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    });
    expect(() => groupKind('Deployment/')).toThrow(/GROUP\/KIND/);
  });

  it('writes role policies inside the project and reads token lifetimes', () => {
    expect(
      rolePolicyLine('team', 'ci', { resource: 'applications', action: 'sync', object: '*', permission: 'allow' }),
    ).toBe('p, proj:team:ci, applications, sync, team/*, allow');
    expect([durationSeconds('0'), durationSeconds('90s'), durationSeconds('2h'), durationSeconds('7d')]).toEqual([
      0, 90, 7200, 604800,
    ]);
    expect(() => durationSeconds('1w')).toThrow(/duration/);
  });
});
