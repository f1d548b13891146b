// `app diff --refresh|--hard-refresh|--revision`, `app unset`, `app
// add-source` and `app remove-source` end to end: one kernel with every role
// (controller, repo-server, server) over kube-sim and a real git repository,
// the CLI in-process against its server. The periodic resync is slow
// (300 s), so only a requested refresh shows a new commit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { describeConnection } from '../../core/src/kube/cluster-connection';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { applyLive, createApp, ensureNamespaces, kubeConfigOf, readApp } from '../controller/support';
import { installArgoCrds } from '../support/argo-resources';
import { makeRepo, type TestRepo } from '../support/git-servers/make-repo';
import { runCliInProcess, type CliResult } from '../support/run-cli';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';

jest.setTimeout(120_000);

const namespace = uniqueNamespace();
const base = mkdtempSync(join(tmpdir(), 'driftless-app-diff-options-'));
const configMap = (value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: ${value}\n`;
const chart = `apiVersion: v2\nname: tools\nversion: 0.1.0\n`;
const chartTemplate = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tools\ndata:\n  a: "{{ .Values.a }}"\n`;

let sim: KubeSim;
let kubeConfig: KubeConfig;
let kernel: RunningKernel;
let repo: TestRepo;
let repoURL: string;
let firstCommit: string;

const fixture = () => ({ kubeConfig, namespace }) as Parameters<typeof readApp>[0];
const cli = (...args: string[]) => runCliInProcess(['app', ...args, '--server', kernel.url]);
/** A refusal: one line on stderr, the expected exit code, nothing on stdout. */
const expectRefusal = (result: CliResult, code: number, message: RegExp) => {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: '' });
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
};

async function syncWeb(): Promise<void> {
  const sync = await cli('sync', 'web', '--timeout', '60');
  expect({ code: sync.code, stderr: sync.stderr }).toEqual({ code: 0, stderr: '' });
  const wait = await cli('wait', 'web', '--sync', '--timeout', '60');
  expect({ code: wait.code, stderr: wait.stderr }).toEqual({ code: 0, stderr: '' });
}

beforeAll(async () => {
  sim = await startKubeSim({ clusters: 1 });
  kubeConfig = kubeConfigOf(sim);
  await installArgoCrds(kubeConfig, namespace);
  await ensureNamespaces(kubeConfig, 'web', 'tools');
  await applyLive(kubeConfig, [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace },
      data: { 'timeout.reconciliation': '300s', 'timeout.reconciliation.jitter': '0s' },
    } as KubernetesObject,
  ]);
  repo = await makeRepo(join(base, 'repo.git'), {
    'web/cm.yaml': configMap('v1'),
    'tools/Chart.yaml': chart,
    'tools/templates/cm.yaml': chartTemplate,
  });
  repoURL = `file://${repo.dir}`;
  firstCommit = repo.commits[0] as string;
  kernel = await startTestKernel({
    cluster: describeConnection(kubeConfig, 'kubeconfig'),
    namespace,
    roles: ['controller', 'repo-server', 'server'],
    env: { DRIFTLESS_ALLOW_FILE_URLS: 'true', DRIFTLESS_REPO_CACHE_DIR: join(base, 'cache') },
  });
  const destination = (appNamespace: string) => ({ server: 'https://kubernetes.default.svc', namespace: appNamespace });
  await createApp(fixture(), 'web', {
    source: { repoURL, path: 'web', targetRevision: 'main' },
    destination: destination('web'),
  });
  await createApp(fixture(), 'tools', {
    source: {
      repoURL,
      path: 'tools',
      targetRevision: 'main',
      helm: {
        valueFiles: ['values.yaml'],
        parameters: [
          { name: 'a', value: '1' },
          { name: 'b', value: '2' },
        ],
      },
    },
    destination: destination('tools'),
  });
  await syncWeb();
});

afterAll(async () => {
  await kernel?.stop().catch(() => undefined);
  await sim?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('app diff options', () => {
  it('--hard-refresh makes the controller see a new commit before diffing', async () => {
    const secondCommit = await repo.commit({ 'web/cm.yaml': configMap('v2') });
    // Without a refresh the last comparison (at the first commit) stands.
    const stale = await cli('diff', 'web');
    expect({ code: stale.code, stderr: stale.stderr, stdout: stale.stdout }).toEqual({
      code: 0,
      stderr: '',
      stdout: '',
    });

    const refreshed = await cli('diff', 'web', '--hard-refresh');
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 1, stderr: '' });
    expect(refreshed.stdout).toContain('===== /ConfigMap web/settings ======');
    expect(refreshed.stdout).toMatch(/^-\s+value: v1$/m);
    expect(refreshed.stdout).toMatch(/^\+\s+value: v2$/m);
    expect((await readApp(fixture(), 'web')).status?.sync?.revision).toBe(secondCommit);
  });

  it('--revision diffs live against an older commit (exit 1) and the current one (exit 0)', async () => {
    await syncWeb();
    const older = await cli('diff', 'web', '--revision', firstCommit);
    expect({ code: older.code, stderr: older.stderr }).toEqual({ code: 1, stderr: '' });
    expect(older.stdout).toContain('===== /ConfigMap web/settings ======');
    expect(older.stdout).toContain('--- settings-live.yaml');
    expect(older.stdout).toMatch(/^-\s+value: v2$/m);
    expect(older.stdout).toMatch(/^\+\s+value: v1$/m);

    const current = await cli('diff', 'web', '--revision', repo.commits.at(-1) as string, '--refresh');
    expect({ code: current.code, stderr: current.stderr, stdout: current.stdout }).toEqual({
      code: 0,
      stderr: '',
      stdout: '',
    });
    expectRefusal(await cli('diff', 'web', '--revision', 'no-such-branch'), 2, /no-such-branch/);
  });

  it('unset removes a Helm parameter; what is not set changes nothing', async () => {
    const unset = await cli('unset', 'tools', '-p', 'a', '--values', 'values.yaml');
    expect({ code: unset.code, stderr: unset.stderr }).toEqual({ code: 0, stderr: '' });
    expect((await readApp(fixture(), 'tools')).spec.source?.helm).toEqual({ parameters: [{ name: 'b', value: '2' }] });

    const nothing = await cli('unset', 'tools', '-p', 'missing', '--nameprefix');
    expect({ code: nothing.code, stderr: nothing.stderr }).toEqual({ code: 0, stderr: '' });
    expect((await readApp(fixture(), 'tools')).spec.source?.helm).toEqual({ parameters: [{ name: 'b', value: '2' }] });
    expectRefusal(await cli('unset', 'tools'), 2, /nothing to unset/);
  });

  it('add-source then remove-source round trip, with refusals for bad positions and the last source', async () => {
    const original = (await readApp(fixture(), 'tools')).spec.source;
    const added = await cli('add-source', 'tools', '--repo', repoURL, '--path', 'web', '--revision', 'main');
    expect({ code: added.code, stderr: added.stderr }).toEqual({ code: 0, stderr: '' });
    let spec = (await readApp(fixture(), 'tools')).spec;
    expect(spec.source).toBeUndefined();
    expect(spec.sources).toEqual([original, { repoURL, path: 'web', targetRevision: 'main' }]);

    expectRefusal(await cli('unset', 'tools', '-p', 'b'), 2, /has 2 sources: name one with --source-position/);
    const unset = await cli('unset', 'tools', '-p', 'b', '--source-position', '1');
    expect({ code: unset.code, stderr: unset.stderr }).toEqual({ code: 0, stderr: '' });
    expect((await readApp(fixture(), 'tools')).spec.sources?.[0]?.helm).toBeUndefined();
    expectRefusal(await cli('diff', 'tools', '--revision', 'main'), 2, /single-source applications/);

    expectRefusal(await cli('remove-source', 'tools', '--source-position', '3'), 2, /no source at position 3/);
    // A malformed flag value is refused by the flag parser, which adds its usual usage hint.
    const zero = await cli('remove-source', 'tools', '--source-position', '0');
    expect({ code: zero.code, stdout: zero.stdout }).toEqual({ code: 2, stdout: '' });
    expect(zero.stderr.split('\n')[0]).toMatch(/'0' is invalid\. expected a source position/);
    const removed = await cli('remove-source', 'tools', '--source-position', '2');
    expect({ code: removed.code, stderr: removed.stderr }).toEqual({ code: 0, stderr: '' });
    spec = (await readApp(fixture(), 'tools')).spec;
    expect(spec.sources).toEqual([{ repoURL, path: 'tools', targetRevision: 'main' }]);
    expectRefusal(await cli('remove-source', 'tools', '--source-position', '1'), 1, /cannot remove the only source/);
  });
});
