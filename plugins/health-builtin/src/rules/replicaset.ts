// apps/ReplicaSet.
import { health, type HealthStatus } from '../health-status';
import { findCondition, int, metadataOf, optionalInt, specOf, statusOf, text, type KubeObject } from '../object-fields';

export function replicaSetHealth(replicaSet: KubeObject): HealthStatus {
  const status = statusOf(replicaSet);
  if (int(metadataOf(replicaSet).generation) > int(status.observedGeneration)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed replica set generation less than desired generation',
    );
  }
  const failure = findCondition(replicaSet, 'ReplicaFailure');
  if (failure?.status === 'True') return health('Degraded', text(failure.message));
  const desired = optionalInt(specOf(replicaSet).replicas);
  const available = int(status.availableReplicas);
  if (desired !== undefined && available < desired) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`,
    );
  }
  return health('Healthy');
}
