// core/Pod. Pods whose restartPolicy is not Always are usually hooks with a
// finite life, so their container errors and readiness are not judged (a hook
// marked Degraded too early would fail a sync); the annotation
// argocd.argoproj.io/ignore-restart-policy: "true" opts a non-hook pod back in.
import { isHook } from '../hooks';
import { health, type HealthStatus } from '../health-status';
import {
  annotation,
  findCondition,
  int,
  list,
  record,
  specOf,
  statusOf,
  text,
  type KubeObject,
} from '../object-fields';

export const IGNORE_RESTART_POLICY = 'argocd.argoproj.io/ignore-restart-policy';

export function podHealth(pod: KubeObject): HealthStatus {
  const status = statusOf(pod);
  const message = text(status.message);
  const judgedAsLongRunning =
    specOf(pod).restartPolicy === 'Always' || (annotation(pod, IGNORE_RESTART_POLICY) === 'true' && !isHook(pod));
  const containers = list(status.containerStatuses);
  if (judgedAsLongRunning) {
    const failing = containers
      .map((container) => record(record(container.state).waiting))
      .filter((waiting) => isFailingReason(text(waiting.reason)));
    if (failing.length > 0) return health('Degraded', failing.map((waiting) => text(waiting.message)).join(', '));
  }
  switch (status.phase) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
      return health('Degraded', message || firstFailureMessage([...list(status.initContainerStatuses), ...containers]));
    case 'Running':
      if (!judgedAsLongRunning) return health('Progressing', message);
      if (findCondition(pod, 'Ready')?.status === 'True') return health('Healthy', message);
      if (containers.some((container) => record(container.lastState).terminated !== undefined)) {
        return health('Degraded', message);
      }
      return health('Progressing', message);
    default:
      return health('Unknown', message);
  }
}

/** CrashLoopBackOff, ImagePullBackOff, ErrImagePull, CreateContainerConfigError, … */
function isFailingReason(reason: string): boolean {
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

function firstFailureMessage(containers: Record<string, unknown>[]): string {
  for (const container of containers) {
    const state = record(container.state);
    if (state.terminated === undefined) continue;
    const terminated = record(state.terminated);
    if (text(terminated.message) !== '') return text(terminated.message);
    if (terminated.reason === 'OOMKilled') return 'OOMKilled';
    const exitCode = int(terminated.exitCode);
    if (exitCode !== 0) return `container ${JSON.stringify(text(container.name))} failed with exit code ${exitCode}`;
  }
  return '';
}
