// batch/CronJob: Argo CD ships this check as a Lua script; same verdicts and messages.
import { health, type HealthStatus } from '../health-status';
import { list, specOf, statusOf, text, type KubeObject } from '../object-fields';

export function cronJobHealth(cronJob: KubeObject): HealthStatus {
  if (specOf(cronJob).suspend === true) return health('Suspended', 'CronJob is Suspended');
  if (cronJob.status === undefined || cronJob.status === null) return health('Progressing', 'Waiting for CronJob');
  const status = statusOf(cronJob);
  const lastSchedule = text(status.lastScheduleTime);
  if (lastSchedule === '') return health('Healthy', 'CronJob has not been scheduled yet');
  const lastSuccess = text(status.lastSuccessfulTime);
  if (lastSuccess === '') return health('Healthy', 'The Cronjob never completed succesfully. It may not be healthy');
  if (list(status.active).length > 0) {
    return health('Healthy', 'The job is running. Its last execution may not have been successful');
  }
  // RFC 3339 timestamps in UTC compare correctly as strings, as the Lua script compares them.
  if (lastSuccess < lastSchedule)
    return health('Degraded', 'CronJob has not completed its last execution successfully');
  return health('Healthy', 'CronJob has completed its last execution successfully');
}
