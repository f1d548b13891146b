import { renderSettings } from './render-settings';

describe('renderSettings', () => {
  it('keeps tool and repo-server keys and joins plugin definitions into one YAML stream', () => {
    expect(
      renderSettings({
        argocdCm: {
          'kustomize.buildOptions': '--enable-helm',
          'helm.valuesFileSchemes': 'https',
          url: 'https://x',
          'admin.enabled': 'true',
        },
        cmdParams: { 'reposerver.max.combined.directory.manifests.size': '10M', 'server.insecure': 'true' },
        cmpCm: {
          'b.yaml': 'kind: ConfigManagementPlugin\nmetadata: {name: b}',
          'a.yml': 'metadata: {name: a}\n',
          notes: 'x',
        },
      }),
    ).toEqual({
      'kustomize.buildOptions': '--enable-helm',
      'helm.valuesFileSchemes': 'https',
      'reposerver.max.combined.directory.manifests.size': '10M',
      configManagementPlugins: '---\nmetadata: {name: a}\n---\nkind: ConfigManagementPlugin\nmetadata: {name: b}\n',
    });
  });
});
