import { renderAppDiff } from './app-diff-render';
import { diffAtRevision } from './diff-at-revision';

const tracking = (kind: string, name: string, namespace = 'web') => ({
  'argocd.argoproj.io/tracking-id': `web:${kind === 'ClusterRole' ? 'rbac.authorization.k8s.io' : ''}/${kind}:${namespace}/${name}`,
});

const configMap = (name: string, value: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'web', annotations: tracking('ConfigMap', name) },
  data: { value },
});

const clusterRole = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'reader', annotations: tracking('ClusterRole', 'reader', '') },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
};

const maskedSecret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'credentials', namespace: 'web', annotations: tracking('Secret', 'credentials') },
  data: { password: '++++++++' },
};

const managed = (object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }) => ({
  group: object.apiVersion.includes('/') ? (object.apiVersion.split('/')[0] as string) : '',
  kind: object.kind,
  namespace: object.metadata.namespace ?? '',
  liveState: JSON.stringify(object),
});

const json = (objects: object[]) => objects.map((object) => JSON.stringify(object));

describe('app diff --revision', () => {
  it('finds nothing when the revision renders what is live (masked Secrets, cluster-scoped kinds)', () => {
    const live = [configMap('settings', 'v1'), clusterRole, maskedSecret];
    const resources = diffAtRevision({
      manifests: json(live),
      managedResources: live.map(managed),
      destinationNamespace: 'web',
    });
    expect(resources).toHaveLength(3);
    expect(renderAppDiff(resources)).toEqual({ text: '', differing: 0 });
  });

  it('shows a changed field in the `app diff` format', () => {
    const resources = diffAtRevision({
      manifests: json([configMap('settings', 'v1')]),
      managedResources: [managed(configMap('settings', 'v2'))],
      destinationNamespace: 'web',
    });
    const diff = renderAppDiff(resources);
    expect(diff.differing).toBe(1);
    const lines = diff.text.split('\n');
    expect(lines[0]).toBe('===== /ConfigMap web/settings ======');
    expect(lines).toContain('--- settings-live.yaml');
    expect(lines).toContain('-  value: v2');
    expect(lines).toContain('+  value: v1');
  });

  it('counts objects only the revision has and live objects it no longer has', () => {
    const diff = renderAppDiff(
      diffAtRevision({
        manifests: json([configMap('added', 'new')]),
        managedResources: [managed(configMap('removed', 'old'))],
        destinationNamespace: 'web',
      }),
    );
    expect(diff.differing).toBe(2);
    expect(diff.text).toContain('===== /ConfigMap web/added ======');
    expect(diff.text).toContain('+  value: new');
    expect(diff.text).toContain('-  value: old');
  });

  it("applies the app's ignoreDifferences", () => {
    const resources = diffAtRevision({
      manifests: json([configMap('settings', 'v1')]),
      managedResources: [managed(configMap('settings', 'v2'))],
      destinationNamespace: 'web',
      ignoreDifferences: [{ kind: 'ConfigMap', jsonPointers: ['/data/value'] }],
    });
    expect(renderAppDiff(resources).differing).toBe(0);
  });
});
