// An app from each source type — plain YAML, Jsonnet, Kustomize, a Helm chart
// and a config management plugin — through the controller: Synced once the
// live state is what the repo-server rendered (the test applies the rendered
// manifests, as a sync would), OutOfSync when Git changes, and OutOfSync when
// someone edits a live object.
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { type Application } from '@driftless/schema';
import { manifestRequestsFor } from '../../core/src/repo/manifests/application-requests';
import { ManifestClient } from '../../core/src/repo/manifests/manifest-client.service';
import { appStatus, applyLive, createApp, ensureNamespaces, readApp, useControllerFixture } from './support';

const configMap = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

const chart = {
  'helm/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'helm/values.yaml': 'value: one\n',
  'helm/templates/config.yaml': configMap('helm-{{ .Release.Name }}', '{{ .Values.value }}'),
};

const cmpPlugin = [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: ConfigManagementPlugin',
  'metadata:',
  '  name: cat-files',
  'spec:',
  '  generate:',
  '    command: [sh, -c, "cat *.cmp"]',
  '  discover:',
  '    fileName: "./*.cmp"',
  '',
].join('\n');

const sources: Record<string, { files: Record<string, string>; change: Record<string, string>; configMap: string }> = {
  directory: {
    files: { 'directory/config.yaml': configMap('plain', 'one') },
    change: { 'directory/config.yaml': configMap('plain', 'two') },
    configMap: 'plain',
  },
  jsonnet: {
    files: {
      'jsonnet/main.jsonnet':
        '{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "jsonnet" }, data: { value: "one" } }',
    },
    change: {
      'jsonnet/main.jsonnet':
        '{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "jsonnet" }, data: { value: "two" } }',
    },
    configMap: 'jsonnet',
  },
  kustomize: {
    files: {
      'kustomize/kustomization.yaml': 'namePrefix: kust-\nresources: [config.yaml]\n',
      'kustomize/config.yaml': configMap('config', 'one'),
    },
    change: { 'kustomize/config.yaml': configMap('config', 'two') },
    configMap: 'kust-config',
  },
  helm: { files: chart, change: { 'helm/values.yaml': 'value: two\n' }, configMap: 'helm-helm' },
  cmp: {
    files: { 'cmp/config.cmp': configMap('cmp', 'one') },
    change: { 'cmp/config.cmp': configMap('cmp', 'two') },
    configMap: 'cmp',
  },
};

describe('application controller: every source type', () => {
  const fixture = useControllerFixture({
    files: Object.assign({}, ...Object.values(sources).map((source) => source.files)) as Record<string, string>,
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, ...Object.keys(sources));
      await f.kubeConfig.makeApiClient(CoreV1Api).createNamespacedConfigMap({
        namespace: f.namespace,
        body: { metadata: { name: 'argocd-cmp-cm' }, data: { 'cat-files.yaml': cmpPlugin } },
      });
    },
  });

  /** What a sync would do: apply the manifests the repo-server renders for the app. */
  async function sync(app: Application): Promise<void> {
    const client = fixture.kernel.app.get(ManifestClient);
    const [request] = manifestRequestsFor(app, {
      destinationServer: 'https://kubernetes.default.svc',
      kubeVersion: '1.34.0',
      apiVersions: [],
      argocdCm: {},
    });
    if (!request) throw new Error('no manifest request');
    const { manifests } = await client.generate(request);
    await applyLive(
      fixture.kubeConfig,
      manifests.map((manifest) => ({
        ...manifest,
        metadata: { ...manifest.metadata, namespace: app.spec.destination.namespace },
      })) as KubernetesObject[],
    );
  }

  it.each(Object.keys(sources))('%s: Synced, then OutOfSync on a Git change and on a live edit', async (type) => {
    const source = sources[type] as (typeof sources)[string];
    await createApp(fixture, type, {
      source: { repoURL: fixture.repoURL, path: type, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: type },
    });
    const missing = await appStatus(fixture, type, (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    expect(missing.status?.sourceType).toBe(
      { directory: 'Directory', jsonnet: 'Directory', kustomize: 'Kustomize', helm: 'Helm', cmp: 'Plugin' }[type],
    );
    await sync(await readApp(fixture, type));
    await appStatus(fixture, type, (app) => expect(app.status?.sync?.status).toBe('Synced'));

    // Someone edits the live object.
    const core = fixture.kubeConfig.makeApiClient(CoreV1Api);
    await core.patchNamespacedConfigMap({
      name: source.configMap,
      namespace: type,
      body: [{ op: 'replace', path: '/data/value', value: 'edited' }],
    });
    await appStatus(fixture, type, (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    await sync(await readApp(fixture, type));
    await appStatus(fixture, type, (app) => expect(app.status?.sync?.status).toBe('Synced'));

    // Git changes.
    const commit = await fixture.repo.commit(source.change);
    const changed = await appStatus(fixture, type, (app) => {
      expect(app.status?.sync?.revision).toBe(commit);
      expect(app.status?.sync?.status).toBe('OutOfSync');
    });
    expect(changed.status?.resources).toEqual([
      expect.objectContaining({ kind: 'ConfigMap', name: source.configMap, status: 'OutOfSync' }),
    ]);
  });
});
