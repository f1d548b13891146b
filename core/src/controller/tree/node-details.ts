// What a tree node shows beyond its identity, read from the full object: a
// Pod's info items (as Argo CD's populatePodInfo shows them) and images, and
// the health of the kinds Argo CD assesses that an app usually owns only
// indirectly (Pods, ReplicaSets, Jobs). Tracked objects take their health
// from the refresh's assessment instead (health plugins, Lua overrides). Pure.
import { type LiveObject } from '../live-state/cached-object';
import { type TreeNodeHealth, type TreeNodeInfo } from './tree-node';

export interface NodeDetails {
  health?: TreeNodeHealth;
  info?: TreeNodeInfo[];
  images?: string[];
  createdAt?: string;
}

/** Kinds (group/kind) whose untracked objects are read for their details. */
export const DETAILED_KINDS = new Set(['/Pod', 'apps/ReplicaSet', 'batch/Job']);

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number } };
}

interface PodView {
  spec?: { nodeName?: string; containers?: { image?: string }[]; initContainers?: { image?: string }[] };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    containerStatuses?: ContainerStatus[];
    conditions?: { type?: string; status?: string }[];
  };
}

/** Waiting reasons gitops-engine counts as a failed pod rather than a starting one. */
const FAILING_REASONS = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'CreateContainerConfigError',
  'InvalidImageName',
  'CreateContainerError',
]);

export function nodeDetails(object: LiveObject, group: string, kind: string): NodeDetails {
  const createdAt = object.metadata?.creationTimestamp;
  const details: NodeDetails = createdAt ? { createdAt } : {};
  if (group === '' && kind === 'Pod') return { ...details, ...podDetails(object) };
  if (group === 'apps' && kind === 'ReplicaSet') return { ...details, health: replicaSetHealth(object) };
  if (group === 'batch' && kind === 'Job') return { ...details, health: jobHealth(object) };
  return details;
}

function podDetails(object: LiveObject): NodeDetails {
  const pod = object as PodView;
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((status) => status.ready).length;
  const restarts = statuses.reduce((sum, status) => sum + (status.restartCount ?? 0), 0);
  const reason = podReason(object, statuses);
  const info: TreeNodeInfo[] = [{ name: 'Status Reason', value: reason }];
  if (pod.spec?.nodeName) info.push({ name: 'Node', value: pod.spec.nodeName });
  info.push({ name: 'Containers', value: `${ready}/${pod.spec?.containers?.length ?? statuses.length}` });
  if (restarts > 0) info.push({ name: 'Restart Count', value: String(restarts) });
  const images = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
    .map((container) => container.image)
    .filter((image): image is string => Boolean(image));
  return { info, health: podHealth(object, statuses), ...(images.length ? { images } : {}) };
}

/** kubectl's STATUS column: the phase, or the reason a container waits or ended. */
function podReason(object: LiveObject, statuses: readonly ContainerStatus[]): string {
  const pod = object as PodView;
  if (object.metadata?.deletionTimestamp) return 'Terminating';
  let reason = pod.status?.reason || pod.status?.phase || 'Unknown';
  for (const status of statuses) {
    const waiting = status.state?.waiting?.reason;
    const terminated = status.state?.terminated;
    if (waiting) reason = waiting;
    else if (terminated?.reason) reason = terminated.reason;
    else if (terminated) reason = `ExitCode:${terminated.exitCode ?? 0}`;
  }
  return reason;
}

function podHealth(object: LiveObject, statuses: readonly ContainerStatus[]): TreeNodeHealth {
  const pod = object as PodView;
  if (object.metadata?.deletionTimestamp) return { status: 'Progressing', message: 'Pending deletion' };
  const failing = statuses.find((status) => FAILING_REASONS.has(status.state?.waiting?.reason ?? ''));
  if (failing) return withMessage('Degraded', failing.state?.waiting?.message ?? failing.state?.waiting?.reason);
  switch (pod.status?.phase) {
    case 'Succeeded':
      return withMessage('Healthy', pod.status.message);
    case 'Failed':
      return withMessage('Degraded', pod.status.message);
    case 'Running': {
      const ready = pod.status.conditions?.some(
        (condition) => condition.type === 'Ready' && condition.status === 'True',
      );
      return ready ? { status: 'Healthy' } : withMessage('Progressing', pod.status.message);
    }
    case 'Pending':
      return withMessage('Progressing', pod.status.message);
    default:
      return withMessage('Unknown', pod.status?.message);
  }
}

interface ReplicaSetView {
  metadata?: { generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    availableReplicas?: number;
    conditions?: { type?: string; status?: string; message?: string }[];
  };
}

function replicaSetHealth(object: LiveObject): TreeNodeHealth {
  const replicaSet = object as ReplicaSetView;
  if ((replicaSet.metadata?.generation ?? 0) > (replicaSet.status?.observedGeneration ?? 0))
    return {
      status: 'Progressing',
      message: 'Waiting for rollout to finish: observed replica set generation less than desired generation',
    };
  const failure = replicaSet.status?.conditions?.find(
    (condition) => condition.type === 'ReplicaFailure' && condition.status === 'True',
  );
  if (failure) return withMessage('Degraded', failure.message);
  const desired = replicaSet.spec?.replicas ?? 1;
  const available = replicaSet.status?.availableReplicas ?? 0;
  if (available < desired)
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${available} of ${desired} updated replicas are available...`,
    };
  return { status: 'Healthy' };
}

interface JobView {
  spec?: { suspend?: boolean };
  status?: { conditions?: { type?: string; status?: string; message?: string }[] };
}

function jobHealth(object: LiveObject): TreeNodeHealth {
  const job = object as JobView;
  const condition = (type: string) =>
    job.status?.conditions?.find((entry) => entry.type === type && entry.status === 'True');
  const failed = condition('Failed');
  if (failed) return withMessage('Degraded', failed.message);
  const complete = condition('Complete');
  if (complete) return withMessage('Healthy', complete.message);
  if (job.spec?.suspend) return { status: 'Suspended', message: 'The job is suspended' };
  return { status: 'Progressing' };
}

function withMessage(status: string, message: string | undefined): TreeNodeHealth {
  return message ? { status, message } : { status };
}
