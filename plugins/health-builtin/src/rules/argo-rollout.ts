// argoproj.io/Rollout (Argo Rollouts). Rollouts v1.0+ reports its own verdict in
// status.phase / status.message, which is used once the controller has
// observed the current spec; older controllers are judged from conditions and
// replica counts, following Argo CD's bundled script.
import { health, type HealthStatus } from '../health-status';
import {
  conditionsOf,
  int,
  list,
  metadataOf,
  optionalInt,
  record,
  specOf,
  statusOf,
  text,
  type KubeObject,
} from '../object-fields';

const WORKLOAD_GENERATION = 'rollout.argoproj.io/workload-generation';

export function argoRolloutHealth(rollout: KubeObject): HealthStatus {
  if (rollout.status === undefined || rollout.status === null) {
    return health('Progressing', 'Waiting for rollout to finish: status has not been reconciled.');
  }
  const status = statusOf(rollout);
  if (!generationObserved(rollout)) return health('Progressing', 'Waiting for rollout spec update to be observed');
  const phase = text(status.phase);
  if (phase !== '') return health(phase === 'Paused' ? 'Suspended' : asCode(phase), text(status.message));
  return legacyRolloutHealth(rollout);
}

function generationObserved(rollout: KubeObject): boolean {
  const status = statusOf(rollout);
  const metadata = metadataOf(rollout);
  const observed = status.observedGeneration;
  if (observed !== undefined && scalar(observed) !== String(int(metadata.generation))) return false;
  // With spec.workloadRef the referenced Deployment's generation must be observed too.
  const workloadGeneration = record(metadata.annotations)[WORKLOAD_GENERATION];
  return workloadGeneration === undefined || scalar(workloadGeneration) === scalar(status.workloadObservedGeneration);
}

// Rollouts has written observedGeneration both as a number and as a string.
function scalar(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

function asCode(phase: string): HealthStatus['status'] {
  return phase === 'Healthy' || phase === 'Progressing' || phase === 'Degraded' ? phase : 'Unknown';
}

function legacyRolloutHealth(rollout: KubeObject): HealthStatus {
  const spec = specOf(rollout);
  const status = statusOf(rollout);
  for (const condition of conditionsOf(rollout)) {
    const aborted = condition.type === 'Progressing' && condition.reason === 'RolloutAborted';
    const deadline = condition.type === 'Progressing' && condition.reason === 'ProgressDeadlineExceeded';
    if (condition.type === 'InvalidSpec' || aborted || deadline) return health('Degraded', text(condition.message));
  }
  if (spec.paused === true || list(status.pauseConditions).length > 0) return health('Suspended', 'Rollout is paused');
  const desired = optionalInt(spec.replicas) ?? 1;
  const updated = int(status.updatedReplicas);
  if (updated < desired) {
    return health('Progressing', 'Waiting for roll out to finish: More replicas need to be updated');
  }
  const strategy = record(spec.strategy);
  // Blue-green keeps old replicas during its scale-down delay, so only canary waits for them.
  if (strategy.canary !== undefined && int(status.replicas) > updated) {
    return health('Progressing', 'Waiting for roll out to finish: old replicas are pending termination');
  }
  if (int(status.availableReplicas) < updated) {
    return health('Progressing', 'Waiting for roll out to finish: updated replicas are still becoming available');
  }
  const currentPodHash = text(status.currentPodHash);
  if (strategy.blueGreen !== undefined) {
    const activeSelector = text(record(status.blueGreen).activeSelector) || text(status.activeSelector);
    if (activeSelector === currentPodHash) {
      return health('Healthy', 'The active Service is serving traffic to the current pod spec');
    }
    return health('Progressing', 'The current pod spec is not receiving traffic from the active service');
  }
  if (text(record(status.canary).stableRS) === currentPodHash || text(status.stableRS) === currentPodHash) {
    return health('Healthy');
  }
  return health('Progressing', 'Waiting for rollout to finish steps');
}
