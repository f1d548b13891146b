// apps/Deployment, as kubectl's rollout status judges it (and Argo CD with it).
import { health, type HealthStatus } from '../health-status';
import {
  findCondition,
  int,
  metadataOf,
  optionalInt,
  quoted,
  specOf,
  statusOf,
  text,
  type KubeObject,
} from '../object-fields';

export function deploymentHealth(deployment: KubeObject): HealthStatus {
  const spec = specOf(deployment);
  const status = statusOf(deployment);
  if (spec.paused === true) return health('Suspended', 'Deployment is paused');
  if (int(metadataOf(deployment).generation) > int(status.observedGeneration)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed deployment generation less than desired generation',
    );
  }
  if (findCondition(deployment, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
    return health('Degraded', `Deployment ${quoted(text(metadataOf(deployment).name))} exceeded its progress deadline`);
  }
  const desired = optionalInt(spec.replicas);
  const updated = int(status.updatedReplicas);
  const current = int(status.replicas);
  const available = int(status.availableReplicas);
  if (desired !== undefined && updated < desired) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`,
    );
  }
  if (current > updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${current - updated} old replicas are pending termination...`,
    );
  }
  if (available < updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`,
    );
  }
  return health('Healthy');
}
