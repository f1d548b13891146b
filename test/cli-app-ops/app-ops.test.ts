// `driftless app sync|rollback|terminate-op|history|delete` against an
// embedded Kubernetes API with the real Application CRD: the CLI writes the
// Application as Argo CD's --core mode does, and a controller double (see
// controller-double.ts; in real life another process) runs the operations.
// The main paths run the real CLI as a child process; the refusals run its
// main() in-process, which is the same code with a cheaper start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { type Application, type OperationState, type RevisionHistory } from '@driftless/schema';
import { ensureNamespace } from '../../core/src/kube/ensure-resources';
import { KubeHttp, KubeHttpError } from '../../core/src/kube/kube-http';
import { installArgoCrds } from '../support/argo-resources';
import { runCli } from '../support/cli-process';
import { runCliInProcess } from '../support/run-cli';
import { ControllerDouble, type Outcome } from './controller-double';

jest.setTimeout(120_000);

const namespace = 'argocd';
const teamNamespace = 'team-a';
const base = mkdtempSync(join(tmpdir(), 'driftless-app-ops-'));
const kubeconfig = join(base, 'kubeconfig');
const username = userInfo().username;
let sim: KubeSim;
let http: KubeHttp;
let controller: ControllerDouble;

const appsPath = (appNamespace: string) => `/apis/argoproj.io/v1alpha1/namespaces/${appNamespace}/applications`;

interface TestApp {
  namespace?: string;
  spec?: Partial<Application['spec']>;
  status?: Application['status'];
  operation?: Application['operation'];
  finalizers?: string[];
}

async function createApp(name: string, app: TestApp = {}): Promise<void> {
  const appNamespace = app.namespace ?? namespace;
  await http.sendJson('POST', appsPath(appNamespace), {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: appNamespace, ...(app.finalizers ? { finalizers: app.finalizers } : {}) },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example/apps.git', path: name, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      ...app.spec,
    },
    ...(app.status ? { status: app.status } : {}),
    ...(app.operation ? { operation: app.operation } : {}),
  });
}

async function readApp(name: string, appNamespace = namespace): Promise<Application | undefined> {
  try {
    return await http.getJson<Application>(`${appsPath(appNamespace)}/${name}`);
  } catch (error) {
    if (error instanceof KubeHttpError && error.status === 404) return undefined;
    throw error;
  }
}

/** The real binary, as a child process. */
const driftless = (...args: string[]) =>
  runCli([...args, '--kubeconfig', kubeconfig], { DRIFTLESS_NAMESPACE: namespace }, 60_000);
/** main() in this process, for refusals. */
const inProcess = (...args: string[]) => runCliInProcess([...args, '--kubeconfig', kubeconfig]);

const managedResources = [
  { group: '', version: 'v1', kind: 'Service', namespace: 'web', name: 'frontend', status: 'Synced' as const },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    namespace: 'web',
    name: 'frontend',
    status: 'OutOfSync' as const,
  },
];

const succeeded: Outcome = {
  phase: 'Succeeded',
  message: 'successfully synced (all tasks run)',
  resources: [
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'guestbook',
      name: 'guestbook-ui',
      status: 'Synced',
      hookPhase: 'Succeeded',
      message: 'deployment.apps/guestbook-ui configured',
    },
  ],
};

const history: RevisionHistory[] = [1, 2, 3].map((id) => ({
  id,
  revision: `${id}${id}${id}aaaabbbbcccc`,
  deployedAt: `2024-05-0${id}T10:00:00Z`,
  source: { repoURL: 'https://git.example/apps.git', path: 'rolled', targetRevision: `v${id}` },
}));

const oldState: OperationState = {
  operation: { sync: { revision: 'old' } },
  phase: 'Succeeded',
  message: 'an earlier sync',
  startedAt: '2024-01-01T00:00:00Z',
  finishedAt: '2024-01-01T00:00:05Z',
};

beforeAll(async () => {
  sim = await startKubeSim({ clusters: 1 });
  await sim.writeKubeconfig(kubeconfig);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfigYaml());
  await installArgoCrds(kubeConfig, namespace);
  await ensureNamespace(kubeConfig, teamNamespace);
  http = new KubeHttp(kubeConfig);
  controller = new ControllerDouble(kubeConfig, namespace);
  controller.start();

  await createApp('web', {
    namespace: teamNamespace,
    status: { resources: managedResources, operationState: oldState },
  });
  await createApp('guestbook', { status: { operationState: oldState } });
  await createApp('broken');
  await createApp('idle');
  await createApp('plain', { status: { resources: managedResources } });
  await createApp('long', {
    operation: { sync: { revision: 'main' } },
    status: { operationState: { operation: { sync: {} }, phase: 'Running', startedAt: '2024-05-01T10:00:00Z' } },
  });
  await createApp('rolled', { spec: { syncPolicy: { syncOptions: ['CreateNamespace=true'] } }, status: { history } });
  await createApp('auto', { spec: { syncPolicy: { automated: { prune: true } } }, status: { history } });
  await createApp('doomed');
  await createApp('kept', { finalizers: ['resources-finalizer.argocd.argoproj.io', 'example.com/keep'] });
  await createApp('pending');
});

afterAll(async () => {
  await controller?.stop();
  await sim?.stop();
  rmSync(base, { recursive: true, force: true });
});

afterEach(() => {
  expect(controller.errors).toEqual([]);
});

describe('driftless app sync', () => {
  it('writes the operation its flags describe and, with --async, returns at once', async () => {
    const result = await driftless(
      'app',
      'sync',
      'team-a/web',
      '--async',
      '--revision',
      'v2',
      '--prune',
      '--dry-run',
      '--force',
      '--strategy',
      'apply',
      '--resource',
      'apps:Deployment:frontend',
      '--sync-option',
      'CreateNamespace=true',
      '--apply-out-of-sync-only',
      '--retry-limit',
      '2',
      '--retry-backoff-duration',
      '10s',
      '--info',
      'ticket=OPS-1',
    );
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const app = await readApp('web', teamNamespace);
    expect(app?.operation).toEqual({
      sync: {
        revision: 'v2',
        prune: true,
        dryRun: true,
        syncStrategy: { apply: { force: true } },
        resources: [{ group: 'apps', kind: 'Deployment', namespace: 'web', name: 'frontend' }],
        syncOptions: ['CreateNamespace=true', 'ApplyOutOfSyncOnly=true'],
      },
      initiatedBy: { username },
      info: [{ name: 'ticket', value: 'OPS-1' }],
      retry: { limit: 2, backoff: { duration: '10s', maxDuration: '3m', factor: 2 } },
    });
    // The earlier operation's state goes with the new request, as Argo CD's SetAppOperation does.
    expect(app?.status?.operationState).toBeUndefined();
  });

  it('refuses to start a second operation while one is pending', async () => {
    const result = await inProcess('app', 'sync', 'web', '-N', 'team-a', '--revision', 'v3');
    expect(result).toMatchObject({ code: 1, stderr: 'driftless: another operation is already in progress\n' });
    expect((await readApp('web', teamNamespace))?.operation?.sync?.revision).toBe('v2');
  });

  it('waits for the controller and prints the operation and its resources', async () => {
    controller.answer('guestbook', succeeded);
    const result = await driftless('app', 'sync', 'guestbook');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Name:          argocd/guestbook\n');
    expect(result.stdout).toContain('Phase:              Succeeded\n');
    expect(result.stdout).toContain('Message:            successfully synced (all tasks run)\n');
    expect(result.stdout).toMatch(
      /^GROUP\s+KIND\s+NAMESPACE\s+NAME\s+STATUS\s+HEALTH\s+HOOK\s+MESSAGE\napps\s+Deployment\s+guestbook\s+guestbook-ui\s+Succeeded\s+Synced\s+deployment\.apps\/guestbook-ui configured\n$/m,
    );
    expect(controller.taken.get('guestbook')).toEqual([
      { sync: { prune: false, dryRun: false, syncStrategy: { hook: {} } }, initiatedBy: { username } },
    ]);
    expect((await readApp('guestbook'))?.operation).toBeUndefined();
  });

  it('exits 1 with the phase when the operation fails', async () => {
    controller.answer('broken', {
      phase: 'Failed',
      message: 'one or more objects failed to apply',
      resources: [
        {
          group: '',
          version: 'v1',
          kind: 'ConfigMap',
          namespace: 'broken',
          name: 'settings',
          status: 'SyncFailed',
          hookPhase: 'Failed',
          message: 'data: Invalid value',
        },
      ],
    });
    const result = await driftless('app', 'sync', 'broken', '-o', 'json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('driftless: Operation has completed with phase: Failed\n');
    const printed = JSON.parse(result.stdout) as Application;
    expect(printed.status?.operationState?.message).toBe('one or more objects failed to apply');
  });

  it('gives up after --timeout with exit 4 and leaves the operation to the controller', async () => {
    const result = await driftless('app', 'sync', 'idle', '--timeout', '1');
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('timed out (1s) waiting for the operation of application argocd/idle to finish');
    expect((await readApp('idle'))?.operation?.sync).toEqual({
      prune: false,
      dryRun: false,
      syncStrategy: { hook: {} },
    });
  });

  it.each<[string, string[], number, RegExp]>([
    ['an unknown application', ['nope'], 1, /application 'nope' not found in namespace argocd/],
    ['a malformed --resource', ['plain', '--resource', 'Deployment:frontend'], 2, /resource should be GROUP:KIND:NAME/],
    [
      'a --resource the app does not have',
      ['plain', '--resource', 'apps:StatefulSet:db'],
      1,
      /No matching app resources found for resource filter: apps:StatefulSet:db/,
    ],
    [
      'a --sync-option that is not Key=Value',
      ['plain', '--sync-option', 'CreateNamespace'],
      2,
      /sync option "CreateNamespace" is not Key=Value/,
    ],
    [
      'an unknown --sync-option',
      ['plain', '--sync-option', 'CreateNamespaces=true'],
      2,
      /not Key=Value with a known key/,
    ],
    ['a bad --retry-backoff-duration', ['plain', '--retry-backoff-duration', 'soon'], 2, /"soon" is not a duration/],
    ['an unknown --strategy', ['plain', '--strategy', 'replace'], 2, /Allowed choices are apply, hook/],
  ])('refuses %s', async (_case, args, code, message) => {
    const result = await inProcess('app', 'sync', ...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect((await readApp('plain'))?.operation).toBeUndefined();
  });
});

describe('driftless app terminate-op', () => {
  it('marks the running operation Terminating', async () => {
    const result = await driftless('app', 'terminate-op', 'long');
    expect(result).toMatchObject({ code: 0, stdout: "Application 'argocd/long' operation terminating\n" });
    expect((await readApp('long'))?.status?.operationState?.phase).toBe('Terminating');
  });

  it('says so when no operation is in progress', async () => {
    const result = await inProcess('app', 'terminate-op', 'plain');
    expect(result).toMatchObject({
      code: 1,
      stderr: 'driftless: Unable to terminate operation. No operation is in progress\n',
    });
    expect((await readApp('plain'))?.status?.operationState).toBeUndefined();
  });
});

describe('driftless app rollback', () => {
  it('syncs the previous deployment with its source and revision, and waits', async () => {
    controller.answer('rolled', succeeded);
    const result = await driftless('app', 'rollback', 'rolled', '--prune');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sync Revision:      222aaaabbbbcccc\n');
    expect(controller.taken.get('rolled')).toEqual([
      {
        sync: {
          source: history[1]?.source,
          revision: history[1]?.revision,
          prune: true,
          dryRun: false,
          syncStrategy: { apply: {} },
          syncOptions: ['CreateNamespace=true'],
        },
        initiatedBy: { username },
      },
    ]);
  });

  it.each<[string, string[], number, RegExp]>([
    [
      'an app with auto-sync',
      ['auto', '1'],
      1,
      /^driftless: rollback cannot be initiated when auto-sync is enabled\n$/,
    ],
    [
      'an ID not in the history',
      ['rolled', '9'],
      1,
      /^driftless: application rolled does not have deployment with id 9 — /,
    ],
    ['an ID that is not a number', ['rolled', 'latest'], 2, /"latest" is not a history ID/],
    ['an unknown application', ['nope'], 1, /application 'nope' not found/],
  ])('refuses %s', async (_case, args, code, message) => {
    const before = controller.taken.get('rolled')?.length;
    const result = await inProcess('app', 'rollback', ...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect((await readApp('auto'))?.operation).toBeUndefined();
    expect(controller.taken.get('rolled')?.length).toBe(before);
  });
});

describe('driftless app history', () => {
  it('prints the deployments per source, and JSON with -o json', async () => {
    const table = await driftless('app', 'history', 'rolled');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')).toEqual([
      'SOURCE  https://git.example/apps.git',
      'ID  DATE                  REVISION',
      '1   2024-05-01T10:00:00Z  v1 (111aaaa)',
      '2   2024-05-02T10:00:00Z  v2 (222aaaa)',
      '3   2024-05-03T10:00:00Z  v3 (333aaaa)',
      '',
    ]);
    const json = await inProcess('app', 'history', 'rolled', '-o', 'json');
    expect(JSON.parse(json.stdout)).toEqual(history);
  });
});

describe('driftless app delete', () => {
  it('cascades with the background finalizer and, with --wait, returns once the app is gone', async () => {
    controller.finalize('doomed');
    const result = await driftless('app', 'delete', 'doomed', '--propagation-policy', 'background', '--wait', '--yes');
    expect(result).toMatchObject({ code: 0, stdout: "application 'argocd/doomed' deleted\n" });
    expect(controller.released.get('doomed')).toEqual(['resources-finalizer.argocd.argoproj.io/background']);
    expect(await readApp('doomed')).toBeUndefined();
  });

  it('with --cascade=false removes the resources finalizer first, so the resources stay', async () => {
    const result = await driftless('app', 'delete', 'kept', '--cascade=false');
    expect(result.code).toBe(0);
    const app = await readApp('kept');
    expect(app?.metadata.finalizers).toEqual(['example.com/keep']);
    expect(app?.metadata.deletionTimestamp).toEqual(expect.any(String));
  });

  it('without a TTY deletes without asking, leaving the cascade to the controller', async () => {
    const result = await inProcess('app', 'delete', 'pending');
    expect(result.code).toBe(0);
    const app = await readApp('pending');
    expect(app?.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(app?.metadata.deletionTimestamp).toEqual(expect.any(String));
  });

  it('refuses an unknown application and a policy without cascade', async () => {
    expect(await inProcess('app', 'delete', 'nope')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/application 'nope' not found/),
    });
    expect(await inProcess('app', 'delete', 'plain', '--cascade=false', '-p', 'background')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--propagation-policy applies to cascaded deletion only/),
    });
    expect(await readApp('plain')).toBeDefined();
  });
});
