import { type Application } from '@driftless/schema';
import { KubeHttpError } from '../../../kube/kube-http';
import { type ApplicationClient, type JsonPatchOperation, StaleWriteError } from './application-client';
import { requestOperation, waitForOperation } from './operation-request';

const ref = { namespace: 'argocd', name: 'guestbook' };

const app = (resourceVersion: string, extra: Partial<Application> = {}): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook', namespace: 'argocd', resourceVersion },
  spec: { project: 'default', destination: {} },
  ...extra,
});

/** An ApplicationClient over a scripted sequence of reads, recording writes. */
function fakeClient(reads: (Application | undefined)[], staleWrites = 0) {
  const writes: { resourceVersion: string; operations: JsonPatchOperation[] }[] = [];
  let stale = staleWrites;
  const next = () => (reads.length > 1 ? reads.shift() : reads[0]);
  const client = {
    find: () => Promise.resolve(next()),
    get: () => Promise.resolve(next() as Application),
    patchIfUnchanged: (_ref: unknown, resourceVersion: string, operations: JsonPatchOperation[]) => {
      writes.push({ resourceVersion, operations });
      if (stale-- > 0) return Promise.reject(new StaleWriteError(new KubeHttpError(422, 'test operation failed')));
      return Promise.resolve(app(`${resourceVersion}+1`));
    },
  };
  return { client: client as unknown as ApplicationClient, writes };
}

describe('requestOperation', () => {
  it('writes the operation guarded by the resourceVersion it decided on, removing the old state', async () => {
    const old = { operation: {}, phase: 'Succeeded' as const, startedAt: '2024-05-01T10:00:00Z' };
    const { client, writes } = fakeClient([app('7', { status: { operationState: old } })]);
    const { baseline } = await requestOperation(client, ref, () => ({ sync: { prune: true } }));
    expect(writes).toEqual([
      {
        resourceVersion: '7',
        operations: [
          { op: 'add', path: '/operation', value: { sync: { prune: true } } },
          { op: 'remove', path: '/status/operationState' },
        ],
      },
    ]);
    expect(baseline.previousStartedAt).toBe(Date.parse('2024-05-01T10:00:00Z'));
  });

  it('reads again after losing a race, and refuses when the winner started an operation', async () => {
    const { client, writes } = fakeClient([app('7'), app('8', { operation: { sync: {} } })], 1);
    await expect(requestOperation(client, ref, () => ({ sync: {} }))).rejects.toThrow(
      /^another operation is already in progress$/,
    );
    expect(writes.map((write) => write.resourceVersion)).toEqual(['7']);
  });

  it('decides again on the new state when the race changed something else', async () => {
    const { client, writes } = fakeClient([app('7'), app('9')], 1);
    const built: string[] = [];
    await requestOperation(client, ref, (current) => {
      built.push(current.metadata.resourceVersion ?? '');
      return { sync: {} };
    });
    expect(built).toEqual(['7', '9']);
    expect(writes.map((write) => write.resourceVersion)).toEqual(['7', '9']);
  });

  it('passes a refusal of the operation builder through without writing', async () => {
    const { client, writes } = fakeClient([app('7')]);
    await expect(
      requestOperation(client, ref, () => {
        throw new Error('rollback cannot be initiated when auto-sync is enabled');
      }),
    ).rejects.toThrow(/auto-sync/);
    expect(writes).toEqual([]);
  });
});

describe('waitForOperation', () => {
  const baseline = { requestedAt: Date.parse('2024-05-01T10:00:00Z') };
  const finished = app('9', {
    status: {
      operationState: {
        operation: {},
        phase: 'Error',
        startedAt: '2024-05-01T10:00:00Z',
        finishedAt: '2024-05-01T10:00:01Z',
      },
    },
  });

  it('polls until the operation has finished', async () => {
    const { client } = fakeClient([app('8', { operation: { sync: {} } }), finished]);
    await expect(waitForOperation(client, ref, baseline, 0)).resolves.toMatchObject({
      outcome: 'finished',
      state: { phase: 'Error' },
    });
  });

  it('stops at the timeout with the state it last saw', async () => {
    const { client } = fakeClient([app('8', { operation: { sync: {} } })]);
    await expect(waitForOperation(client, ref, baseline, 1)).resolves.toMatchObject({ outcome: 'timedOut' });
  });

  it('fails when the application disappears meanwhile', async () => {
    const { client } = fakeClient([undefined]);
    await expect(waitForOperation(client, ref, baseline, 0)).rejects.toThrow(/deleted while waiting/);
  });
});
