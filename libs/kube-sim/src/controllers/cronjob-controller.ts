// CronJob: creates a Job from jobTemplate at each scheduled minute (checked
// every timing.cronCheckMs), tracks active Jobs and trims the history.
import { text } from '../store/kube-object';
import type { JsonObject, KubeObject } from '../store/kube-object';
import type { Controller, ControllerContext } from './controller-manager';
import { lastScheduledTime, parseCron } from './cron-schedule';
import {
  CONTROLLER_MANAGER,
  conditionOf,
  controllerOf,
  controllerRef,
  ownedBy,
  spec,
  status,
  typeOf,
  writeStatus,
} from './helpers';

function finished(job: KubeObject): 'Complete' | 'Failed' | undefined {
  if (conditionOf(job, 'Complete')?.status === 'True') return 'Complete';
  if (conditionOf(job, 'Failed')?.status === 'True') return 'Failed';
  return undefined;
}

function reconcileCronJob(cronJob: KubeObject, context: ControllerContext): void {
  const { api } = context;
  const cronJobs = typeOf(api, 'batch', 'CronJob');
  const jobs = typeOf(api, 'batch', 'Job');
  const namespace = cronJob.metadata.namespace ?? 'default';
  const owned = ownedBy(api, 'batch/jobs', namespace, cronJob.metadata.uid ?? '');
  const active = owned.filter((job) => !finished(job));
  const next: JsonObject = { ...status(cronJob) };
  if (!spec(cronJob).suspend && !cronJob.metadata.deletionTimestamp) {
    let schedule;
    try {
      schedule = parseCron(text(spec(cronJob).schedule, ''));
    } catch {
      return;
    }
    const since = new Date(text(status(cronJob).lastScheduleTime, cronJob.metadata.creationTimestamp ?? api.now()));
    const due = lastScheduledTime(schedule, since, new Date());
    const policy = spec(cronJob).concurrencyPolicy ?? 'Allow';
    if (due && !(policy === 'Forbid' && active.length > 0)) {
      if (policy === 'Replace')
        for (const job of active)
          api.delete(jobs, namespace, job.metadata.name ?? '', { propagationPolicy: 'Background' });
      const template = (spec(cronJob).jobTemplate ?? {}) as JsonObject;
      const templateMetadata = (template.metadata ?? {}) as JsonObject;
      const name = `${cronJob.metadata.name ?? ''}-${Math.floor(due.getTime() / 60_000)}`;
      if (!api.tryGet(jobs, namespace, name)) {
        const created = api.create(
          jobs,
          namespace,
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: {
              ...templateMetadata,
              name,
              annotations: {
                ...((templateMetadata.annotations as Record<string, string> | undefined) ?? {}),
                'batch.kubernetes.io/cronjob-scheduled-timestamp': due.toISOString(),
              },
              ownerReferences: [controllerRef(cronJob, cronJobs)],
            },
            spec: structuredClone(template.spec ?? {}),
          },
          { fieldManager: CONTROLLER_MANAGER },
        );
        active.push(created);
      }
      next.lastScheduleTime = due.toISOString().replace(/\.\d+Z$/, 'Z');
    }
  }
  const history = (kind: 'Complete' | 'Failed', limit: number): void => {
    const done = owned
      .filter((job) => finished(job) === kind)
      .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)));
    for (const job of done.slice(0, Math.max(0, done.length - limit)))
      api.delete(jobs, namespace, job.metadata.name ?? '', { propagationPolicy: 'Background' });
  };
  history('Complete', Number(spec(cronJob).successfulJobsHistoryLimit ?? 3));
  history('Failed', Number(spec(cronJob).failedJobsHistoryLimit ?? 1));
  const successful = owned
    .filter((job) => finished(job) === 'Complete')
    .map((job) => text(status(job).completionTime, ''))
    .sort();
  if (successful.length > 0) next.lastSuccessfulTime = successful[successful.length - 1];
  const activeRefs = active
    .filter((job) => !finished(job))
    .map((job) => ({
      kind: 'Job',
      namespace,
      name: job.metadata.name,
      uid: job.metadata.uid,
      apiVersion: 'batch/v1',
      resourceVersion: job.metadata.resourceVersion,
    }));
  if (activeRefs.length > 0) next.active = activeRefs;
  else delete next.active;
  writeStatus(api, cronJobs, cronJob, next);
}

export const cronJobController: Controller = {
  name: 'cronjob',
  watches: ['batch/cronjobs', 'batch/jobs'],
  targets(event) {
    if (event.key === 'batch/cronjobs')
      return [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
    const owner = controllerOf(event.object);
    return owner?.kind === 'CronJob'
      ? [{ key: 'batch/cronjobs', namespace: event.object.metadata.namespace, name: owner.name }]
      : [];
  },
  reconcile(target, context) {
    const cronJob = context.api.store.get(target.key, target.namespace, target.name);
    if (cronJob) reconcileCronJob(cronJob, context);
  },
  tick: {
    intervalMs: (timing) => timing.cronCheckMs,
    run(context) {
      for (const cronJob of context.api.store.list('batch/cronjobs')) reconcileCronJob(cronJob, context);
    },
  },
};
