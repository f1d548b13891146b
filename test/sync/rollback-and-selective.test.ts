// Syncs of part of an app and rollbacks, end to end (kube-sim, a real git
// repository, the real controller): a selective sync applies only the
// resources it names, runs no hooks and writes no history; the apply
// strategy runs no hooks; `driftless app rollback` (the real CLI process)
// redeploys an earlier history entry and refuses what Argo CD refuses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { appStatus, createApp, ensureNamespaces, readApp, useControllerFixture } from '../controller/support';
import { runCli } from '../support/cli-process';
import { type OperationState } from '@driftless/schema';
import { commitSeen, operationEnded, recordCreations, requestSync } from './support';

jest.setTimeout(120_000);

const configMap = (name: string, value = 'v1') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  value: ${value}
`;
const preSyncHook = (name: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations:
    argocd.argoproj.io/hook: PreSync
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: run
          image: busybox
`;

/** phase:kind/name:status of every result (a last-wave object without health stays hookPhase Running, as in Argo CD). */
const applied = (state: OperationState) =>
  (state.syncResult?.resources ?? []).map(
    (result) => `${result.syncPhase}:${result.kind}/${result.name}:${result.status}`,
  );

describe('sync: selective syncs, the apply strategy and rollback', () => {
  const base = mkdtempSync(join(tmpdir(), 'driftless-rollback-'));
  const kubeconfig = join(base, 'kubeconfig');
  const fixture = useControllerFixture({
    files: {
      'pick/first.yaml': configMap('first'),
      'pick/second.yaml': configMap('second'),
      'pick/hook.yaml': preSyncHook('pick-hook'),
      'apply/cm.yaml': configMap('applied'),
      'apply/hook.yaml': preSyncHook('apply-hook'),
      'rollback/cm.yaml': configMap('release', 'A'),
      'auto-rollback/cm.yaml': configMap('auto-release'),
    },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'pick', 'apply', 'rollback', 'auto-rollback');
      await f.sim.writeKubeconfig(kubeconfig);
    },
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const app = (name: string, syncPolicy?: Record<string, unknown>) =>
    createApp(fixture, name, {
      source: { repoURL: fixture.repoURL, path: name, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      ...(syncPolicy ? { syncPolicy } : {}),
    });
  const liveValue = (name: string, namespace: string) =>
    fixture.kubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name, namespace })
      .then(
        (live) => live.data?.value,
        () => undefined,
      );
  const driftless = (...args: string[]) =>
    runCli([...args, '--kubeconfig', kubeconfig], { DRIFTLESS_NAMESPACE: fixture.namespace }, 90_000);

  it('applies only the named resource of a selective sync, runs no hook and writes no history', async () => {
    await app('pick');
    await appStatus(fixture, 'pick', (current) => expect(current.status?.sync?.status).toBe('OutOfSync'));
    const jobs = recordCreations(fixture.sim, (object) => object.kind === 'Job');
    const { app: current, state } = await operationEnded(
      fixture,
      'pick',
      await requestSync(fixture, 'pick', { resources: [{ group: '', kind: 'ConfigMap', name: 'second' }] }),
    );
    jobs.stop();
    expect(state.phase).toBe('Succeeded');
    expect(applied(state)).toEqual(['Sync:ConfigMap/second:Synced']);
    expect(jobs.created).toEqual([]);
    expect(await liveValue('second', 'pick')).toBe('v1');
    expect(await liveValue('first', 'pick')).toBeUndefined();
    expect(current.status?.history).toBeUndefined();
    await appStatus(fixture, 'pick', (latest) => {
      expect(latest.status?.sync?.status).toBe('OutOfSync');
      expect(latest.status?.resources?.find((resource) => resource.name === 'second')?.status).toBe('Synced');
      expect(latest.status?.resources?.find((resource) => resource.name === 'first')?.status).toBe('OutOfSync');
    });
  });

  it('runs no hook with the apply strategy, and records the sync in history', async () => {
    await app('apply');
    await appStatus(fixture, 'apply', (current) => expect(current.status?.sync?.status).toBe('OutOfSync'));
    const jobs = recordCreations(fixture.sim, (object) => object.kind === 'Job');
    const { app: current, state } = await operationEnded(
      fixture,
      'apply',
      await requestSync(fixture, 'apply', { syncStrategy: { apply: {} } }),
    );
    jobs.stop();
    expect(state.phase).toBe('Succeeded');
    expect(applied(state)).toEqual(['Sync:ConfigMap/applied:Synced']);
    expect(jobs.created).toEqual([]);
    expect(await liveValue('applied', 'apply')).toBe('v1');
    expect(current.status?.history).toEqual([
      expect.objectContaining({ id: 0, revision: fixture.repo.commits.at(-1) }),
    ]);
  });

  it('rolls back to an earlier deployment with `driftless app rollback`', async () => {
    await app('rollback');
    const first = fixture.repo.commits.at(-1) as string;
    let { state } = await operationEnded(fixture, 'rollback', await requestSync(fixture, 'rollback'));
    expect(state.phase).toBe('Succeeded');
    const second = await commitSeen(fixture, 'rollback', { 'rollback/cm.yaml': configMap('release', 'B') });
    ({ state } = await operationEnded(fixture, 'rollback', await requestSync(fixture, 'rollback')));
    expect(state.syncResult?.revision).toBe(second);
    expect(await liveValue('release', 'rollback')).toBe('B');
    const before = await readApp(fixture, 'rollback');
    expect(before.status?.history?.map((entry) => [entry.id, entry.revision])).toEqual([
      [0, first],
      [1, second],
    ]);

    const result = await driftless('app', 'rollback', 'rollback', '0');
    expect(result).toMatchObject({ code: 0 });
    expect(await liveValue('release', 'rollback')).toBe('A');
    const after = await readApp(fixture, 'rollback');
    const rolledBack = after.status?.operationState;
    expect(rolledBack?.phase).toBe('Succeeded');
    expect(rolledBack?.operation.sync).toMatchObject({ revision: first, syncStrategy: { apply: {} } });
    expect(rolledBack?.syncResult?.revision).toBe(first);
    expect(after.status?.history?.map((entry) => [entry.id, entry.revision])).toEqual([
      [0, first],
      [1, second],
      [2, first],
    ]);
    // Git still says B.
    await appStatus(fixture, 'rollback', (current) => {
      expect(current.status?.sync).toMatchObject({ status: 'OutOfSync', revision: second });
    });
    // The entry records the source as the rolled-back entry had it (targetRevision main), as Argo CD does.
    expect(after.status?.history?.[2]?.source).toEqual(before.status?.history?.[0]?.source);
  });

  it("refuses a rollback to an ID the history does not have, with Argo CD's message", async () => {
    const before = await readApp(fixture, 'rollback');
    const result = await driftless('app', 'rollback', 'rollback', '99');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('application rollback does not have deployment with id 99');
    const after = await readApp(fixture, 'rollback');
    expect(after.operation).toBeUndefined();
    expect(after.status?.history).toEqual(before.status?.history);
  });

  it('refuses a rollback while auto-sync is on', async () => {
    await app('auto-rollback', { automated: {} });
    await appStatus(fixture, 'auto-rollback', (current) => {
      expect(current.status?.history).toHaveLength(1);
      expect(current.operation).toBeUndefined();
    });
    const before = await readApp(fixture, 'auto-rollback');
    const result = await driftless('app', 'rollback', 'auto-rollback', '0');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rollback cannot be initiated when auto-sync is enabled');
    const after = await readApp(fixture, 'auto-rollback');
    expect(after.operation).toBeUndefined();
    expect(after.status?.operationState?.startedAt).toBe(before.status?.operationState?.startedAt);
    expect(after.status?.history).toHaveLength(1);
  });
});
