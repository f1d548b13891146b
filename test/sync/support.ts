// Helpers of the sync suites: ask for an operation as `argocd app sync` (or
// kubectl) would — by setting `operation` on the Application — wait for its
// end, and record the order in which the cluster saw objects created.
import { KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { type Application, type Operation, type OperationState } from '@driftless/schema';
import { type KubeSim } from '@driftless/kube-sim';
import { appStatus, type ControllerFixture } from '../controller/support';

export async function patchApp(
  fixture: ControllerFixture,
  name: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).patch(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      ...patch,
      metadata: { ...(patch.metadata as object | undefined), name, namespace: fixture.namespace },
    },
    undefined,
    undefined,
    undefined,
    undefined,
    'application/merge-patch+json',
  );
}

let requests = 0;

/**
 * Sets `operation` (a manual sync by default) and returns the marker it
 * carries in `operation.info`: start times have a one-second resolution, so
 * the marker tells this operation's state from the previous one's.
 */
export async function requestSync(
  fixture: ControllerFixture,
  name: string,
  sync: NonNullable<Operation['sync']> = {},
  extra: Partial<Operation> = {},
): Promise<string> {
  requests += 1;
  const marker = `request-${requests}-${Date.now()}`;
  await patchApp(fixture, name, {
    operation: { sync, initiatedBy: { username: 'tester' }, info: [{ name: 'test', value: marker }], ...extra },
  });
  return marker;
}

/** Waits until the operation `requestSync` returned the marker of ended (any one, without a marker). */
export async function operationEnded(
  fixture: ControllerFixture,
  name: string,
  marker = '',
  timeoutMs = 60_000,
): Promise<{ app: Application; state: OperationState }> {
  const app = await appStatus(
    fixture,
    name,
    (current) => {
      const state = current.status?.operationState;
      expect(state).toBeDefined();
      if (marker) expect(state?.operation.info).toEqual([{ name: 'test', value: marker }]);
      expect(['Succeeded', 'Failed', 'Error']).toContain(state?.phase);
      expect(current.operation).toBeUndefined();
    },
    timeoutMs,
  );
  return { app, state: app.status?.operationState as OperationState };
}

/** Records `kind/name` of every object the cluster creates, in order. */
export function recordCreations(
  sim: KubeSim,
  namespaceOrKinds: (object: KubernetesObject) => boolean,
): {
  created: string[];
  deleted: string[];
  stop: () => void;
} {
  const created: string[] = [];
  const deleted: string[] = [];
  const stop = sim.clusters[0]!.store.subscribe((event) => {
    const object = event.object as unknown as KubernetesObject;
    if (!namespaceOrKinds(object)) return;
    const id = `${object.kind}/${object.metadata?.name}`;
    if (event.type === 'ADDED') created.push(id);
    if (event.type === 'DELETED') deleted.push(id);
  });
  return { created, deleted, stop };
}

export function resultSummary(state: OperationState): string[] {
  return (state.syncResult?.resources ?? []).map(
    (result) => `${result.syncPhase}:${result.kind}/${result.name}:${result.status ?? '-'}:${result.hookPhase ?? '-'}`,
  );
}

/** Commits, then waits until the app compared against the new commit; returns its SHA. */
export async function commitSeen(
  fixture: ControllerFixture,
  name: string,
  files: Record<string, string | null>,
): Promise<string> {
  const sha = await fixture.repo.commit(files);
  await appStatus(fixture, name, (current) => expect(current.status?.sync?.revision).toBe(sha));
  return sha;
}

/** Waits until an operation at `revision` has ended (a sync the controller started itself, say). */
export async function operationAt(
  fixture: ControllerFixture,
  name: string,
  revision: string,
  timeoutMs = 60_000,
): Promise<{ app: Application; state: OperationState }> {
  const app = await appStatus(
    fixture,
    name,
    (current) => {
      const state = current.status?.operationState;
      expect(state?.operation.sync?.revision).toBe(revision);
      expect(['Succeeded', 'Failed', 'Error']).toContain(state?.phase);
      expect(current.operation).toBeUndefined();
    },
    timeoutMs,
  );
  return { app, state: app.status?.operationState as OperationState };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
