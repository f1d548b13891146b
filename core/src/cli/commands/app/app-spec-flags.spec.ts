import { specFragment, withoutNulls } from './app-spec-flags';

describe('app create/set spec flags', () => {
  it('sets only what the flags name', () => {
    expect(specFragment({})).toEqual({});
    expect(
      specFragment({
        repo: 'https://git.example/apps.git',
        path: 'web',
        revision: 'main',
        destServer: 'https://kubernetes.default.svc',
        destNamespace: 'web',
        project: 'team-a',
        syncPolicy: 'automated',
        selfHeal: true,
        syncOption: ['CreateNamespace=true'],
      }),
    ).toEqual({
      project: 'team-a',
      source: { repoURL: 'https://git.example/apps.git', path: 'web', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
      syncPolicy: { automated: { selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    });
  });

  it('turns automated sync off with a merge-patch null, dropped when the spec is written whole', () => {
    const fragment = specFragment({ syncPolicy: 'none' });
    expect(fragment).toEqual({ syncPolicy: { automated: null } });
    expect(withoutNulls(fragment)).toEqual({ syncPolicy: {} });
  });
});
