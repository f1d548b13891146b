import { nodeDetails } from './node-details';

const pod = (status: object, metadata: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...metadata },
  spec: { containers: [{ image: 'a:1' }, { image: 'b:2' }] },
  status,
});

describe('node details', () => {
  it.each([
    [{ phase: 'Pending' }, 'Progressing', 'Pending'],
    [{ phase: 'Succeeded' }, 'Healthy', 'Succeeded'],
    [{ phase: 'Failed', message: 'OOMKilled' }, 'Degraded', 'Failed'],
    [
      { phase: 'Running', containerStatuses: [{ ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
      'Degraded',
      'CrashLoopBackOff',
    ],
  ])('shows a pod with status %j as %s (%s)', (status, health, reason) => {
    const details = nodeDetails(pod(status), '', 'Pod');
    expect(details.health?.status).toBe(health);
    expect(details.info?.[0]).toEqual({ name: 'Status Reason', value: reason });
    expect(details.images).toEqual(['a:1', 'b:2']);
  });

  it('shows a terminating pod as progressing', () => {
    expect(nodeDetails(pod({ phase: 'Running' }, { deletionTimestamp: 'x' }), '', 'Pod').health).toEqual({
      status: 'Progressing',
      message: 'Pending deletion',
    });
  });

  it('assesses ReplicaSets and Jobs', () => {
    const replicaSet = (available: number) => ({
      metadata: { generation: 2 },
      spec: { replicas: 3 },
      status: { observedGeneration: 2, availableReplicas: available },
    });
    expect(nodeDetails(replicaSet(3) as never, 'apps', 'ReplicaSet').health?.status).toBe('Healthy');
    expect(nodeDetails(replicaSet(1) as never, 'apps', 'ReplicaSet').health?.status).toBe('Progressing');
    const job = { status: { conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] } };
    expect(nodeDetails(job, 'batch', 'Job').health).toEqual({ status: 'Degraded', message: 'BackoffLimitExceeded' });
  });
});
