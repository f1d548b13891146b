// keda.sh/ScaledObject: Ready, with Paused → Suspended and an active Fallback
// (metrics unavailable, fallback replicas in use) → Degraded. As in Argo CD's
// script, the message is that of the last condition that set a verdict.
import { health, type HealthStatus } from '../health-status';
import { conditionsOf, text, type KubeObject } from '../object-fields';

export function scaledObjectHealth(scaledObject: KubeObject): HealthStatus {
  let ready = false;
  let degraded = false;
  let paused = false;
  let message = '';
  for (const condition of conditionsOf(scaledObject)) {
    const isTrue = condition.status === 'True';
    if (condition.type === 'Ready' && condition.status === 'False') degraded = true;
    else if (condition.type === 'Ready' && isTrue) ready = true;
    else if (condition.type === 'Paused' && isTrue) paused = true;
    else if (condition.type === 'Fallback' && isTrue) degraded = true;
    else continue;
    message = text(condition.message);
  }
  if (degraded) return health('Degraded', message);
  if (ready) return health(paused ? 'Suspended' : 'Healthy', message);
  return health('Progressing', 'Creating HorizontalPodAutoscaler Object');
}
