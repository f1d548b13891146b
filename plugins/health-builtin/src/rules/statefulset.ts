// apps/StatefulSet: generation observed, pods ready, then per update strategy
// (partitioned RollingUpdate, OnDelete, or revision rollout).
import { health, type HealthStatus } from '../health-status';
import { int, metadataOf, optionalInt, record, specOf, statusOf, text, type KubeObject } from '../object-fields';

export function statefulSetHealth(statefulSet: KubeObject): HealthStatus {
  const spec = specOf(statefulSet);
  const status = statusOf(statefulSet);
  const observed = int(status.observedGeneration);
  if (observed === 0 || int(metadataOf(statefulSet).generation) > observed) {
    return health('Progressing', 'Waiting for statefulset spec update to be observed...');
  }
  const desired = optionalInt(spec.replicas);
  const ready = int(status.readyReplicas);
  if (desired !== undefined && ready < desired) {
    return health('Progressing', `Waiting for ${desired - ready} pods to be ready...`);
  }
  const strategy = record(spec.updateStrategy);
  const updated = int(status.updatedReplicas);
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
    const partition = optionalInt(record(strategy.rollingUpdate).partition);
    if (desired !== undefined && partition !== undefined && updated < desired - partition) {
      return health(
        'Progressing',
        `Waiting for partitioned roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...`,
      );
    }
    return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  if (strategy.type === 'OnDelete') return health('Healthy', `statefulset has ${ready} ready pods`);
  const updateRevision = text(status.updateRevision);
  const currentRevision = text(status.currentRevision);
  if (updateRevision !== currentRevision) {
    return health(
      'Progressing',
      `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    );
  }
  return health(
    'Healthy',
    `statefulset rolling update complete ${int(status.currentReplicas)} pods at revision ${currentRevision}...`,
  );
}
