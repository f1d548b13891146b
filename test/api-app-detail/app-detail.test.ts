// Application detail queries and the `app get|resources|manifests|diff|wait`
// commands against one kernel with every role (controller, repo-server,
// server) over kube-sim and a real git repository: the detail fields of
// `application` (spec, status, sync windows, events, manifests), its
// appNamespace argument, and the CLI end to end, including `app diff`'s exit
// code after a live change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { type ApplicationDetailView } from '../../core/src/cli/commands/app/app-get-view';
import { describeConnection } from '../../core/src/kube/cluster-connection';
import { KubeHttp } from '../../core/src/kube/kube-http';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { applyLive, createApp, ensureNamespaces, eventually, kubeConfigOf, readApp } from '../controller/support';
import { installArgoCrds } from '../support/argo-resources';
import { makeRepo } from '../support/git-servers/make-repo';
import { postGraphql } from '../support/graphql';
import { runCliInProcess } from '../support/run-cli';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';

jest.setTimeout(120_000);

const namespace = uniqueNamespace();
const base = mkdtempSync(join(tmpdir(), 'driftless-app-detail-'));
const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: v1\n`;
const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: credentials\ndata:\n  password: aHVudGVyMg==\n`;

let sim: KubeSim;
let kubeConfig: KubeConfig;
let kernel: RunningKernel;
let repoURL: string;

/** The parts of the detail answer the test reads field by field. */
interface DetailAnswer {
  spec: unknown;
  annotations: unknown;
  operationInProgress: boolean;
  status: { sync: { revision: string }; reconciledAt: string | null; resources: { kind: string }[] };
  syncWindows: unknown;
}

const fixture = () => ({ kubeConfig, namespace }) as Parameters<typeof readApp>[0];
const cli = (...args: string[]) => runCliInProcess(['app', ...args, '--server', kernel.url]);

async function query<T>(text: string, variables: Record<string, unknown> = {}) {
  const { body } = await postGraphql<T>(kernel.url, text, variables);
  return body;
}

beforeAll(async () => {
  sim = await startKubeSim({ clusters: 1 });
  kubeConfig = kubeConfigOf(sim);
  await installArgoCrds(kubeConfig, namespace);
  await ensureNamespaces(kubeConfig, 'web');
  await applyLive(kubeConfig, [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace },
      data: { 'timeout.reconciliation': '2s', 'timeout.reconciliation.jitter': '0s' },
    } as KubernetesObject,
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'team', namespace },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        // Always open: automated syncs are denied, manual ones allowed ("Manual Allowed").
        syncWindows: [{ kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['web'], manualSync: true }],
      },
    } as KubernetesObject,
  ]);
  const repo = await makeRepo(join(base, 'repo.git'), { 'web/cm.yaml': configMap, 'web/secret.yaml': secret });
  repoURL = `file://${repo.dir}`;
  kernel = await startTestKernel({
    cluster: describeConnection(kubeConfig, 'kubeconfig'),
    namespace,
    roles: ['controller', 'repo-server', 'server'],
    env: { DRIFTLESS_ALLOW_FILE_URLS: 'true', DRIFTLESS_REPO_CACHE_DIR: join(base, 'cache') },
  });
  await createApp(
    fixture(),
    'web',
    {
      project: 'team',
      source: { repoURL, path: 'web', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
    },
    { 'example.com/owner': 'team-web' },
  );
});

afterAll(async () => {
  await kernel?.stop().catch(() => undefined);
  await sim?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('application detail', () => {
  it('syncs through the CLI and `app wait --sync --health` returns once the app is synced and healthy', async () => {
    const sync = await cli('sync', 'web', '--timeout', '60');
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    const wait = await cli('wait', 'web', '--sync', '--health', '--timeout', '60');
    expect(wait.stderr).toBe('');
    expect(wait.code).toBe(0);
    expect(wait.stdout).toMatch(/Sync Status: +Synced to main \([0-9a-f]{7}\)/);
    expect(wait.stdout).toContain('SyncWindow:         Manual Allowed');
  });

  it('answers spec, labels, status by allow-list and sync windows', async () => {
    const body = await query<{ application: DetailAnswer }>(
      `query ($name: String!, $ns: String) { application(name: $name, appNamespace: $ns) {
        spec annotations operationInProgress
        status { sync { status revision comparedTo { sources { repoURL path } destination { namespace } } }
          health { status } reconciledAt sourceType
          resources { group kind namespace name status health { status } }
          history { id revision initiatedBy sources { path } }
          operationState { phase initiatedBy } summary { images } conditions { type } }
        syncWindows { state canSync autoSyncAllowed assignedWindows { kind active manualSync } activeWindows { kind } }
      } }`,
      { name: 'web', ns: namespace },
    );
    expect(body.errors).toBeUndefined();
    const app = body.data?.application as DetailAnswer;
    expect(app['spec']).toMatchObject({ project: 'team', source: { repoURL, path: 'web' } });
    expect(app['annotations']).toEqual({ 'example.com/owner': 'team-web' });
    expect(app['operationInProgress']).toBe(false);
    expect(app['status']).toMatchObject({
      sync: {
        status: 'Synced',
        comparedTo: { sources: [{ repoURL, path: 'web' }], destination: { namespace: 'web' } },
      },
      health: { status: 'Healthy' },
      sourceType: 'Directory',
      operationState: { phase: 'Succeeded', initiatedBy: 'admin' },
      history: [{ id: expect.any(Number), initiatedBy: 'admin', sources: [{ path: 'web' }] }],
    });
    expect(app['status'].sync.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(app['status'].reconciledAt).toEqual(expect.any(String));
    expect(app['status'].resources.map((resource) => resource.kind).sort()).toEqual(['ConfigMap', 'Secret']);
    expect(app['syncWindows']).toEqual({
      state: 'Manual Allowed',
      canSync: true,
      autoSyncAllowed: false,
      assignedWindows: [{ kind: 'deny', active: true, manualSync: true }],
      activeWindows: [{ kind: 'deny' }],
    });
    // appNamespace: a namespace the server does not serve answers like a missing app.
    const elsewhere = await query('{ application(name: "web", appNamespace: "elsewhere") { name } }');
    expect(elsewhere).toEqual({ data: { application: null } });
  });

  it('renders manifests at the target or another revision, Secrets masked, and refuses a bad revision', async () => {
    const manifests = `query ($revision: String) { application(name: "web") {
      manifests(revision: $revision) { manifests revisions sourceTypes } } }`;
    const body = await query<{ application: { manifests: { manifests: string[]; revisions: string[] } } }>(manifests);
    expect(body.errors).toBeUndefined();
    const rendered = body.data?.application.manifests;
    const objects = (rendered?.manifests ?? []).map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(objects.map((object) => object['kind']).sort()).toEqual(['ConfigMap', 'Secret']);
    expect(objects.find((object) => object['kind'] === 'Secret')?.['data']).toEqual({ password: '++++++++' });
    expect(JSON.stringify(rendered)).not.toContain('aHVudGVyMg==');
    const revision = rendered?.revisions[0] ?? '';
    const pinned = await query<{ application: { manifests: { revisions: string[] } } }>(manifests, { revision });
    expect(pinned.data?.application.manifests.revisions).toEqual([revision]);

    const bad = await query(manifests, { revision: 'no-such-branch' });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/no-such-branch/);

    const cliManifests = await cli('manifests', 'web');
    expect(cliManifests.code).toBe(0);
    expect(cliManifests.stdout).toContain('kind: ConfigMap');
    expect(cliManifests.stdout).toContain('password: ++++++++');
    expect(cliManifests.stdout).not.toContain('aHVudGVyMg==');
  });

  it('lists the events of the app and of its managed resources, newest first', async () => {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const event = (name: string, eventNamespace: string, involved: Record<string, string>, at: string) =>
      core.createNamespacedEvent({
        namespace: eventNamespace,
        body: {
          metadata: { name, namespace: eventNamespace },
          involvedObject: involved,
          reason: name,
          message: `${name} happened`,
          type: 'Normal',
          count: 1,
          firstTimestamp: new Date(at),
          lastTimestamp: new Date(at),
          source: { component: 'test' },
        },
      });
    await event(
      'app-event',
      namespace,
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', name: 'web', namespace },
      '2026-01-01T00:00:00Z',
    );
    await event(
      'cm-event',
      'web',
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'web' },
      '2026-01-02T00:00:00Z',
    );
    await event(
      'other-event',
      'web',
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'unrelated', namespace: 'web' },
      '2026-01-03T00:00:00Z',
    );
    const body = await query<{ application: { events: { reason: string; involvedObject: { kind: string } }[] } }>(
      '{ application(name: "web") { events { reason message involvedObject { kind name } } } }',
    );
    expect(body.errors).toBeUndefined();
    const reasons = body.data?.application.events.map((entry) => entry.reason) ?? [];
    expect(reasons.filter((reason) => reason.endsWith('-event'))).toEqual(['cm-event', 'app-event']);
    const own = await query<{ application: { events: { reason: string }[] } }>(
      '{ application(name: "web") { events(includeResources: false) { reason } } }',
    );
    expect(own.data?.application.events.map((entry) => entry.reason)).toContain('app-event');
    expect(own.data?.application.events.map((entry) => entry.reason)).not.toContain('cm-event');
  });

  it('prints the app with `app get` (text and json) and its resources with `app resources`', async () => {
    const text = await cli('get', 'web', '--show-operation');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Name:               ${namespace}/web`);
    expect(text.stdout).toContain('Assigned Windows:   deny:* * * * *:1h');
    expect(text.stdout).toContain('Phase:              Succeeded');
    expect(text.stdout).toMatch(/ +ConfigMap +web +settings +Synced/);

    const json = await cli('get', `${namespace}/web`, '-o', 'json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as ApplicationDetailView;
    expect(parsed.status.sync?.status).toBe('Synced');
    expect(parsed.syncWindows.state).toBe('Manual Allowed');
    expect(parsed).not.toHaveProperty('stored');

    const resources = await cli('resources', 'web');
    expect(resources.code).toBe(0);
    expect(resources.stdout.split('\n')[0]).toMatch(/^GROUP +KIND +NAMESPACE +NAME +ORPHANED +STATUS +HEALTH$/);
    expect(resources.stdout).toMatch(/ +Secret +web +credentials +No +Synced/);

    const missing = await cli('get', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("application 'nope' not found");
  });

  it('answers a repeated query exactly as before once it runs compiled (graphql-jit)', async () => {
    const compiledRuns = async () => {
      const metrics = await (await fetch(`${kernel.url}/metrics`)).text();
      return Number(/^driftless_graphql_executions_total\{executor="compiled"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    };
    const documents: [string, Record<string, unknown>][] = [
      [
        `query ($name: String!) { application(name: $name) {
          __typename name spec annotations operationInProgress createdAt autoSync
          status { sync { status revision comparedTo { sources { repoURL path } destination { namespace } } }
            health { status } sourceType
            resources { group kind namespace name status health { status } }
            history { id revision initiatedBy sources { path } }
            operationState { phase initiatedBy } summary { images } conditions { type } }
          syncWindows { state canSync autoSyncAllowed assignedWindows { kind active manualSync } }
        } }`,
        { name: 'web' },
      ],
      [
        `query Page($first: Int!, $withFacets: Boolean!) { applications(first: $first) {
          totalCount pageInfo { hasNextPage endCursor }
          facets @include(if: $withFacets) { syncStatus { value count } project { value count } }
          edges { cursor node { ...row } } } }
        fragment row on Application { name project syncStatus healthStatus createdAt sources { repoURL path } }`,
        { first: 10, withFacets: true },
      ],
      ['{ missing: application(name: "nope") { name } }', {}],
      ['{ applications(first: 0) { totalCount } }', {}],
      [
        'query ($revision: String) { application(name: "web") { manifests(revision: $revision) { revisions } } }',
        { revision: 'no-such-branch' },
      ],
    ];
    // Outside production errors carry the server's stack, which names the executor: not compared.
    const answer = async (text: string, variables: Record<string, unknown>) => {
      const body = await query(text, variables);
      for (const error of body.errors ?? []) delete (error.extensions as Record<string, unknown>)['stacktrace'];
      return body;
    };
    const before = await compiledRuns();
    for (const [text, variables] of documents) {
      const first = await answer(text, variables);
      for (let run = 0; run < 3; run += 1) expect(await answer(text, variables)).toEqual(first);
    }
    // Each document ran interpreted twice, then compiled twice.
    expect((await compiledRuns()) - before).toBe(documents.length * 2);
  });

  it('`app diff` exits 0 while synced and 1 with a unified diff after a live change; `app wait` times out', async () => {
    await eventually(async () => {
      const synced = await cli('diff', 'web');
      expect({ code: synced.code, stderr: synced.stderr }).toEqual({ code: 0, stderr: '' });
    }, 20_000);
    await new KubeHttp(kubeConfig).sendJson(
      'PATCH',
      '/api/v1/namespaces/web/configmaps/settings',
      { data: { value: 'changed' } },
      'application/merge-patch+json',
    );
    await eventually(
      async () => expect((await readApp(fixture(), 'web')).status?.sync?.status).toBe('OutOfSync'),
      20_000,
    );
    const diff = await eventually(async () => {
      const result = await cli('diff', 'web');
      expect(result.code).toBe(1);
      return result;
    }, 20_000);
    expect(diff.stdout).toContain('===== /ConfigMap web/settings ======');
    expect(diff.stdout).toMatch(/^-\s+value: changed$/m);
    expect(diff.stdout).toMatch(/^\+\s+value: v1$/m);
    expect(diff.stderr).toBe('');

    const live = await cli('manifests', 'web', '--source', 'live');
    expect(live.code).toBe(0);
    expect(live.stdout).toContain('value: changed');
    expect(live.stdout).not.toContain('aHVudGVyMg==');

    const wait = await cli('wait', 'web', '--sync', '--timeout', '1');
    expect(wait.code).toBe(4);
    expect(wait.stderr).toContain(
      'timed out (1s) waiting for application web: still waiting for sync Synced (is OutOfSync)',
    );

    const unknown = await cli('diff', 'nope');
    expect(unknown.code).toBe(2);
  });
});
