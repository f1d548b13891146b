// apps/DaemonSet.
import { health, type HealthStatus } from '../health-status';
import { int, metadataOf, quoted, record, specOf, statusOf, text, type KubeObject } from '../object-fields';

export function daemonSetHealth(daemonSet: KubeObject): HealthStatus {
  const status = statusOf(daemonSet);
  if (int(metadataOf(daemonSet).generation) > int(status.observedGeneration)) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed daemon set generation less than desired generation',
    );
  }
  const updated = int(status.updatedNumberScheduled);
  const desired = int(status.desiredNumberScheduled);
  if (record(specOf(daemonSet).updateStrategy).type === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  const name = quoted(text(metadataOf(daemonSet).name));
  if (updated < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    );
  }
  const available = int(status.numberAvailable);
  if (available < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...`,
    );
  }
  return health('Healthy');
}
