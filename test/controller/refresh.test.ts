// The application controller end to end on kube-sim: apps from a real git
// repository go Synced/OutOfSync as Git and the live objects change, stay
// Synced for server-defaulted fields and ignored differences, report health
// as the simulated rollout progresses, and bad specs become conditions while
// other apps keep reconciling.
import { AppsV1Api, CoreV1Api, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import {
  appStatus,
  applyLive,
  createApp,
  ensureNamespaces,
  eventually,
  metricValue,
  readApp,
  useControllerFixture,
} from './support';
import { deploymentYaml, settingsYaml } from './manifests';

const tracking = (app: string, group: string, kind: string, namespace: string, name: string) => ({
  'argocd.argoproj.io/tracking-id': `${app}:${group}/${kind}:${namespace}/${name}`,
});

/** The live objects a sync of `guestbook` would have created. */
function syncedGuestbook(namespace: string, mode: string, replicas = 2, image = 'nginx:1.27'): KubernetesObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'settings',
        namespace,
        annotations: tracking('guestbook', '', 'ConfigMap', namespace, 'settings'),
      },
      data: { mode },
    } as KubernetesObject,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace, annotations: tracking('guestbook', 'apps', 'Deployment', namespace, 'web') },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'web', image, resources: { limits: { cpu: '1', memory: '1024Mi' } } }],
          },
        },
      },
    } as KubernetesObject,
  ];
}

describe('application controller: refresh and status', () => {
  const fixture = useControllerFixture({
    files: { 'guestbook/deployment.yaml': deploymentYaml(2), 'guestbook/config.yaml': settingsYaml('blue') },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'guestbook', 'other');
      await applyLive(f.kubeConfig, syncedGuestbook('guestbook', 'blue'));
    },
  });
  const source = () => ({ repoURL: fixture.repoURL, path: 'guestbook', targetRevision: 'main' });
  const destination = { server: 'https://kubernetes.default.svc', namespace: 'guestbook' };

  it('reports Synced and Healthy for a matching live state, with server-defaulted fields and equal quantities', async () => {
    await createApp(fixture, 'guestbook', { source: source(), destination });
    const app = await appStatus(fixture, 'guestbook', (current) => {
      expect(current.status?.sync?.status).toBe('Synced');
      expect(current.status?.health?.status).toBe('Healthy');
    });
    expect(app.status?.sync?.revision).toBe(fixture.repo.commits.at(-1));
    expect(app.status?.sourceType).toBe('Directory');
    expect(app.status?.resources).toEqual([
      { version: 'v1', kind: 'ConfigMap', namespace: 'guestbook', name: 'settings', status: 'Synced' },
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: 'guestbook',
        name: 'web',
        status: 'Synced',
        health: { status: 'Healthy' },
      },
    ]);
    expect(app.status?.summary?.images).toEqual(['nginx:1.27']);
    expect(app.status?.conditions ?? []).toEqual([]);
    expect(app.status?.reconciledAt).toBeDefined();
    expect(app.status?.sync?.comparedTo?.destination).toEqual(destination);
  });

  it('goes OutOfSync when someone edits a live object, and back to Synced when it is restored', async () => {
    const core = fixture.kubeConfig.makeApiClient(CoreV1Api);
    await core.patchNamespacedConfigMap({
      name: 'settings',
      namespace: 'guestbook',
      body: [{ op: 'replace', path: '/data/mode', value: 'red' }],
    });
    const drifted = await appStatus(fixture, 'guestbook', (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    expect(drifted.status?.resources?.find((resource) => resource.kind === 'ConfigMap')?.status).toBe('OutOfSync');
    expect(drifted.status?.resources?.find((resource) => resource.kind === 'Deployment')?.status).toBe('Synced');
    await core.patchNamespacedConfigMap({
      name: 'settings',
      namespace: 'guestbook',
      body: [{ op: 'replace', path: '/data/mode', value: 'blue' }],
    });
    await appStatus(fixture, 'guestbook', (app) => expect(app.status?.sync?.status).toBe('Synced'));
  });

  it('goes OutOfSync when Git changes, with the new revision', async () => {
    const commit = await fixture.repo.commit({ 'guestbook/config.yaml': settingsYaml('green') });
    const app = await appStatus(fixture, 'guestbook', (current) => {
      expect(current.status?.sync?.revision).toBe(commit);
      expect(current.status?.sync?.status).toBe('OutOfSync');
    });
    expect(app.status?.resources?.find((resource) => resource.kind === 'ConfigMap')?.status).toBe('OutOfSync');
    // The "sync": the live state follows Git again.
    await applyLive(fixture.kubeConfig, [syncedGuestbook('guestbook', 'green')[0] as KubernetesObject]);
    await appStatus(fixture, 'guestbook', (current) => expect(current.status?.sync?.status).toBe('Synced'));
  });

  it('reports Progressing while a rollout runs and Healthy when it is done', async () => {
    const apps = fixture.kubeConfig.makeApiClient(AppsV1Api);
    await apps.patchNamespacedDeployment({
      name: 'web',
      namespace: 'guestbook',
      body: [
        { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.28' },
        // kube-sim keeps the new pods unready for 3 s: the rollout is visibly in progress.
        {
          op: 'add',
          path: '/spec/template/metadata/annotations',
          value: { 'sim.driftless.dev/ready-after-seconds': '3' },
        },
      ],
    });
    const rolling = await appStatus(fixture, 'guestbook', (app) =>
      expect(app.status?.health?.status).toBe('Progressing'),
    );
    expect(rolling.status?.sync?.status).toBe('OutOfSync');
    const done = await appStatus(fixture, 'guestbook', (app) => {
      expect(app.status?.health?.status).toBe('Healthy');
      expect(app.status?.summary?.images).toEqual(['nginx:1.28']);
    });
    expect(done.status?.resources?.find((resource) => resource.kind === 'Deployment')?.health).toEqual({
      status: 'Healthy',
    });
    // Git catches up with the live image; the pod template annotation kube-sim reads is live-only, not drift.
    await fixture.repo.commit({ 'guestbook/deployment.yaml': deploymentYaml(2, 'nginx:1.28') });
    await appStatus(fixture, 'guestbook', (app) => expect(app.status?.sync?.status).toBe('Synced'));
  });

  it('ignores differences named in spec.ignoreDifferences', async () => {
    await applyLive(
      fixture.kubeConfig,
      syncedGuestbook('other', 'blue', 3, 'nginx:1.28').map((object) => retrack(object, 'ignoring', 'other')),
    );
    await createApp(fixture, 'ignoring', {
      source: source(),
      destination: { ...destination, namespace: 'other' },
      ignoreDifferences: [
        { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
        { kind: 'ConfigMap', jqPathExpressions: ['.data.mode'] },
      ],
    });
    const app = await appStatus(fixture, 'ignoring', (current) => expect(current.status?.sync?.status).toBe('Synced'));
    expect(app.status?.resources?.every((resource) => resource.status === 'Synced')).toBe(true);
  });

  it('turns invalid specs into conditions while other apps keep reconciling', async () => {
    await createApp(fixture, 'no-project', { project: 'missing', source: source(), destination });
    await createApp(fixture, 'both-sources', { source: source(), sources: [source()], destination });
    await createApp(fixture, 'unknown-cluster', { source: source(), destination: { server: 'https://nowhere.test' } });
    await createApp(fixture, 'bad-url', { source: { ...source(), repoURL: 'ht!tp:/example' }, destination });
    const expectations: [string, string][] = [
      ['no-project', 'Application referencing project missing which does not exist'],
      ['both-sources', 'spec.source and spec.sources are both set'],
      ['unknown-cluster', 'cluster "https://nowhere.test" not found'],
      ['bad-url', 'is not a valid repository URL'],
    ];
    for (const [name, message] of expectations) {
      const app = await appStatus(fixture, name, (current) => {
        expect(current.status?.sync?.status).toBe('Unknown');
        expect(current.status?.conditions).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ type: 'InvalidSpecError', message: expect.stringContaining(message) }),
          ]),
        );
      });
      expect(app.status?.conditions?.[0]?.lastTransitionTime).toBeDefined();
    }
    expect((await readApp(fixture, 'guestbook')).status?.sync?.status).toBe('Synced');
  });

  it('reports a manifest of a kind the cluster does not serve, and a broken path, as ComparisonErrors', async () => {
    await fixture.repo.commit({
      'crd-user/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {}\n',
    });
    await createApp(fixture, 'widgets', { source: { ...source(), path: 'crd-user' }, destination });
    await createApp(fixture, 'missing-path', { source: { ...source(), path: 'does-not-exist' }, destination });
    await appStatus(fixture, 'widgets', (app) =>
      expect(app.status?.conditions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'ComparisonError',
            message: expect.stringContaining('example.com/v1/Widget'),
          }),
        ]),
      ),
    );
    await appStatus(fixture, 'missing-path', (app) => {
      expect(app.status?.sync?.status).toBe('Unknown');
      expect(app.status?.conditions?.[0]).toMatchObject({
        type: 'ComparisonError',
        message: expect.stringContaining('Failed to load target state'),
      });
    });
  });

  it('reports an ignoreDifferences jq rule that runs away as a ComparisonError, and still compares', async () => {
    const data = Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`key${index}`, `value-${index}`]));
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wide' }, data };
    await fixture.repo.commit({ 'wide/config.yaml': JSON.stringify(manifest) });
    await applyLive(fixture.kubeConfig, [
      {
        ...manifest,
        metadata: {
          name: 'wide',
          namespace: 'other',
          annotations: tracking('runaway', '', 'ConfigMap', 'other', 'wide'),
        },
      },
    ]);
    await createApp(fixture, 'runaway', {
      source: { ...source(), path: 'wide' },
      destination: { ...destination, namespace: 'other' },
      // Ten-fold fan-out seven times: 10,000,000 paths, far past the step budget.
      ignoreDifferences: [
        { kind: 'ConfigMap', jqPathExpressions: [`${'(.,.,.,.,.,.,.,.,.,.) | '.repeat(7)}.data.never`] },
      ],
    });
    const app = await appStatus(fixture, 'runaway', (current) =>
      expect(current.status?.conditions).toEqual([
        expect.objectContaining({
          type: 'ComparisonError',
          message: expect.stringMatching(/^\/ConfigMap\/other\/wide: .*jqPathExpression .* was skipped: .*step/),
        }),
      ]),
    );
    expect(app.status?.sync?.status).toBe('Synced');
  });

  it("exports Argo CD's application metrics", async () => {
    const info = {
      namespace: fixture.namespace,
      name: 'guestbook',
      project: 'default',
      autosync_enabled: 'false',
      repo: fixture.repoURL,
      dest_server: destination.server,
      dest_namespace: 'guestbook',
      sync_status: 'Synced',
      health_status: 'Healthy',
      operation: '',
    };
    await eventually(async () => expect(await metricValue(fixture.kernel, 'argocd_app_info', info)).toBe(1));
    const reconciles = await metricValue(fixture.kernel, 'argocd_app_reconcile_count', {
      namespace: fixture.namespace,
      dest_server: destination.server,
    });
    expect(reconciles).toBeGreaterThan(0);
    expect(
      await metricValue(fixture.kernel, 'argocd_cluster_api_resource_objects', { server: destination.server }),
    ).toBeGreaterThan(0);
  });

  it('answers the refresh annotation and removes it', async () => {
    const client = KubernetesObjectApi.makeApiClient(fixture.kubeConfig);
    const before = (await readApp(fixture, 'guestbook')).status?.reconciledAt ?? '';
    await new Promise((resolve) => setTimeout(resolve, 1100)); // reconciledAt has a one-second resolution
    await client.patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: 'guestbook',
          namespace: fixture.namespace,
          annotations: { 'argocd.argoproj.io/refresh': 'hard' },
        },
      },
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json',
    );
    const app = await appStatus(fixture, 'guestbook', (current) => {
      expect(current.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
      expect(current.status?.reconciledAt).not.toBe(before);
    });
    expect(app.status?.sync?.revision).toBe(fixture.repo.commits.at(-1));
  });
});

function retrack(object: KubernetesObject, app: string, namespace: string): KubernetesObject {
  const group = object.apiVersion?.includes('/') ? (object.apiVersion.split('/')[0] ?? '') : '';
  return {
    ...object,
    metadata: {
      ...object.metadata,
      annotations: tracking(app, group, object.kind ?? '', namespace, object.metadata?.name ?? ''),
    },
  };
}
