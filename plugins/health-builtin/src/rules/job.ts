// batch/Job: terminal conditions decide; without one the job is still running.
// As in Argo CD, any Suspended condition (even False, after a resume) counts as
// terminal, so a resumed job reads Healthy with the condition's message.
import { health, type HealthStatus } from '../health-status';
import { conditionsOf, text, type KubeObject } from '../object-fields';

export function jobHealth(job: KubeObject): HealthStatus {
  let failed = false;
  let finished = false;
  let suspended = false;
  let failMessage = '';
  let message = '';
  for (const condition of conditionsOf(job)) {
    if (condition.type === 'Failed') {
      failed = true;
      finished = true;
      failMessage = text(condition.message);
    } else if (condition.type === 'Complete') {
      finished = true;
      message = text(condition.message);
    } else if (condition.type === 'Suspended') {
      finished = true;
      message = text(condition.message);
      if (condition.status === 'True') suspended = true;
    }
  }
  if (!finished) return health('Progressing', message);
  if (failed) return health('Degraded', failMessage);
  if (suspended) return health('Suspended', message);
  return health('Healthy', message);
}
