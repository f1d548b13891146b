// Job: runs pods until `completions` succeed or more than `backoffLimit` fail,
// then sets the Complete or Failed condition, as `kubectl wait` expects.
import { simAnnotations } from '../annotations';
import type { JsonObject, KubeObject } from '../store/kube-object';
import type { Controller } from './controller-manager';
import { recordEvent } from './event-recorder';
import {
  CONTROLLER_MANAGER,
  controllerOf,
  controllerRef,
  ownedBy,
  podFromTemplate,
  randomSuffix,
  setCondition,
  spec,
  status,
  typeOf,
  writeStatus,
  isPodReady,
} from './helpers';

function phase(pod: KubeObject): unknown {
  return status(pod).phase;
}

export const jobController: Controller = {
  name: 'job',
  watches: ['batch/jobs', '/pods'],
  targets(event) {
    if (event.key === 'batch/jobs')
      return [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
    const owner = controllerOf(event.object);
    return owner?.kind === 'Job'
      ? [{ key: 'batch/jobs', namespace: event.object.metadata.namespace, name: owner.name }]
      : [];
  },
  reconcile(target, context) {
    const { api } = context;
    const jobs = typeOf(api, 'batch', 'Job');
    const pods = typeOf(api, '', 'Pod');
    const job = api.tryGet(jobs, target.namespace, target.name);
    if (!job || job.metadata.deletionTimestamp) return;
    const current = status(job);
    const conditions = (current.conditions ?? []) as { type: string; status: string }[];
    if (
      conditions.some(
        (condition) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True',
      )
    )
      return;
    const namespace = job.metadata.namespace ?? 'default';
    const owned = ownedBy(api, '/pods', namespace, job.metadata.uid ?? '');
    const succeeded = owned.filter((pod) => phase(pod) === 'Succeeded').length;
    const failed = owned.filter((pod) => phase(pod) === 'Failed').length;
    let active = owned.filter(
      (pod) => phase(pod) !== 'Succeeded' && phase(pod) !== 'Failed' && !pod.metadata.deletionTimestamp,
    );
    const completions = Number(spec(job).completions ?? 1);
    const parallelism = Number(spec(job).parallelism ?? 1);
    const backoffLimit = Number(spec(job).backoffLimit ?? 6);
    const now = api.now();
    const next: JsonObject = { ...current, startTime: current.startTime ?? now };
    if (failed > backoffLimit) {
      for (const pod of active) api.delete(pods, namespace, pod.metadata.name ?? '', {});
      active = [];
      const failure = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
      recordEvent(context, job, 'Warning', failure.reason, failure.message, 'job-controller');
      next.conditions = setCondition(
        setCondition(current.conditions, { type: 'FailureTarget', status: 'True', ...failure }, now),
        { type: 'Failed', status: 'True', ...failure },
        now,
      ).map((condition) => ({ ...condition, lastProbeTime: now }));
    } else if (succeeded >= completions) {
      const success = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
      recordEvent(context, job, 'Normal', 'Completed', 'Job completed', 'job-controller');
      next.conditions = setCondition(
        setCondition(current.conditions, { type: 'SuccessCriteriaMet', status: 'True', ...success }, now),
        { type: 'Complete', status: 'True', ...success },
        now,
      ).map((condition) => ({ ...condition, lastProbeTime: now }));
      next.completionTime = now;
    } else if (!spec(job).suspend) {
      const wanted = Math.min(parallelism, completions - succeeded) - active.length;
      const jobAnnotations: Record<string, string> = {};
      for (const name of [simAnnotations.jobFails, simAnnotations.runSeconds]) {
        const value = job.metadata.annotations?.[name];
        if (value !== undefined) jobAnnotations[name] = value;
      }
      for (let index = 0; index < wanted; index += 1) {
        const pod = podFromTemplate(
          spec(job).template,
          `${target.name}-${randomSuffix()}`,
          namespace,
          controllerRef(job, jobs),
          {
            'batch.kubernetes.io/controller-uid': job.metadata.uid ?? '',
            'batch.kubernetes.io/job-name': target.name,
            'controller-uid': job.metadata.uid ?? '',
            'job-name': target.name,
          },
        );
        pod.metadata.annotations = { ...pod.metadata.annotations, ...jobAnnotations };
        active.push(api.create(pods, namespace, pod, { fieldManager: CONTROLLER_MANAGER }));
        recordEvent(
          context,
          job,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name ?? ''}`,
          'job-controller',
        );
      }
    }
    next.active = active.length;
    next.ready = active.filter(isPodReady).length;
    next.succeeded = succeeded;
    next.failed = failed;
    next.terminating = 0;
    next.uncountedTerminatedPods = {};
    for (const field of ['active', 'succeeded', 'failed']) if (next[field] === 0) delete next[field];
    writeStatus(api, jobs, job, next);
  },
};
