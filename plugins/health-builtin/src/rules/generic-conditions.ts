// An opt-in rule for kinds with no built-in or Lua check, reading the
// conventions most controllers follow (kstatus): observedGeneration, and the
// Stalled / Reconciling / Ready conditions. Off by default because Argo CD gives
// such kinds no health at all, and turning it on can change application health.
import { health, type HealthStatus } from '../health-status';
import { conditionsOf, int, metadataOf, optionalInt, statusOf, text, type KubeObject } from '../object-fields';

export function genericConditionsHealth(obj: KubeObject): HealthStatus | undefined {
  if (obj.status === undefined || obj.status === null) return undefined;
  const observed = optionalInt(statusOf(obj).observedGeneration);
  if (observed !== undefined && observed < int(metadataOf(obj).generation)) {
    return health('Progressing', 'Waiting for the controller to observe the latest spec');
  }
  const conditions = conditionsOf(obj);
  const isTrue = (type: string) =>
    conditions.find((condition) => condition.type === type && condition.status === 'True');
  const stalled = isTrue('Stalled');
  if (stalled) return health('Degraded', text(stalled.message));
  const reconciling = isTrue('Reconciling');
  if (reconciling) return health('Progressing', text(reconciling.message));
  const ready = conditions.find((condition) => condition.type === 'Ready');
  if (ready?.status === 'True') return health('Healthy', text(ready.message));
  if (ready?.status === 'False') return health('Progressing', text(ready.message));
  return undefined;
}
