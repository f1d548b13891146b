// Deployment: one ReplicaSet per pod template, rolled with the RollingUpdate
// (maxSurge / maxUnavailable) or Recreate strategy, and the status kubectl
// rollout status reads: observedGeneration, replica counts and the Available
// and Progressing conditions, including ProgressDeadlineExceeded.
import type { ClusterApi } from '../api/cluster-api';
import type { JsonObject, KubeObject } from '../store/kube-object';
import type { Controller, ControllerContext } from './controller-manager';
import { recordEvent } from './event-recorder';
import {
  CONTROLLER_MANAGER,
  conditionOf,
  controllerOf,
  controllerRef,
  intOrPercent,
  isPlainObjectValue,
  ownedBy,
  setCondition,
  spec,
  status,
  templateHash,
  typeOf,
  writeStatus,
} from './helpers';

const REVISION = 'deployment.kubernetes.io/revision';

function revisionOf(object: KubeObject): number {
  return Number(object.metadata.annotations?.[REVISION] ?? 0);
}

function replicasOf(object: KubeObject): number {
  return Number(spec(object).replicas ?? 0);
}

function statusNumber(object: KubeObject, field: string): number {
  return Number(status(object)[field] ?? 0);
}

function scale(context: ControllerContext, deployment: KubeObject, replicaSet: KubeObject, replicas: number): void {
  const { api } = context;
  const from = replicasOf(replicaSet);
  if (from === replicas) return;
  const direction = replicas > from ? 'up' : 'down';
  recordEvent(
    context,
    deployment,
    'Normal',
    'ScalingReplicaSet',
    `Scaled ${direction} replica set ${replicaSet.metadata.name ?? ''} from ${from} to ${replicas}`,
    'deployment-controller',
  );
  const type = typeOf(api, 'apps', 'ReplicaSet');
  api.update(
    type,
    replicaSet.metadata.namespace,
    replicaSet.metadata.name ?? '',
    { ...replicaSet, spec: { ...spec(replicaSet), replicas } },
    { fieldManager: CONTROLLER_MANAGER },
  );
}

function createReplicaSet(
  api: ClusterApi,
  deployment: KubeObject,
  hash: string,
  revision: number,
  replicas: number,
): KubeObject {
  const replicaSets = typeOf(api, 'apps', 'ReplicaSet');
  const template = structuredClone(spec(deployment).template ?? {}) as JsonObject;
  const templateMetadata = isPlainObjectValue(template.metadata) ? template.metadata : {};
  const labels = {
    ...((templateMetadata.labels as Record<string, string> | undefined) ?? {}),
    'pod-template-hash': hash,
  };
  template.metadata = { ...templateMetadata, labels };
  const selector = structuredClone(spec(deployment).selector ?? {}) as JsonObject;
  selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': hash };
  return api.create(
    replicaSets,
    deployment.metadata.namespace,
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${deployment.metadata.name ?? ''}-${hash}`,
        labels,
        annotations: {
          [REVISION]: String(revision),
          'deployment.kubernetes.io/desired-replicas': String(replicasOf(deployment)),
        },
        ownerReferences: [controllerRef(deployment, typeOf(api, 'apps', 'Deployment'))],
      },
      spec: {
        replicas,
        selector,
        template,
        ...(spec(deployment).minReadySeconds !== undefined
          ? { minReadySeconds: spec(deployment).minReadySeconds }
          : {}),
      },
    },
    { fieldManager: CONTROLLER_MANAGER },
  );
}

function rollingUpdate(
  context: ControllerContext,
  deployment: KubeObject,
  newReplicaSet: KubeObject,
  oldReplicaSets: KubeObject[],
): void {
  const desired = replicasOf(deployment);
  const strategy = (spec(deployment).strategy ?? {}) as JsonObject;
  const rolling = (strategy.rollingUpdate ?? {}) as JsonObject;
  const maxSurge = intOrPercent(rolling.maxSurge ?? '25%', desired, true);
  let maxUnavailable = intOrPercent(rolling.maxUnavailable ?? '25%', desired, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  const all = [newReplicaSet, ...oldReplicaSets];
  const total = all.reduce((sum, replicaSet) => sum + replicasOf(replicaSet), 0);
  // Scale up the new ReplicaSet within the surge budget.
  const room = desired + maxSurge - total;
  if (replicasOf(newReplicaSet) < desired && room > 0)
    scale(context, deployment, newReplicaSet, Math.min(desired, replicasOf(newReplicaSet) + room));
  else if (replicasOf(newReplicaSet) > desired) scale(context, deployment, newReplicaSet, desired);
  // Scale down old ReplicaSets: unavailable pods freely, available ones within the availability budget.
  const available = all.reduce((sum, replicaSet) => sum + statusNumber(replicaSet, 'availableReplicas'), 0);
  let budget = Math.max(0, available - (desired - maxUnavailable));
  for (const old of [...oldReplicaSets].sort((a, b) => revisionOf(a) - revisionOf(b))) {
    const current = replicasOf(old);
    if (current === 0) continue;
    const unavailable = Math.max(0, current - statusNumber(old, 'availableReplicas'));
    const reduction = Math.min(current, unavailable + budget);
    budget -= Math.max(0, reduction - unavailable);
    if (reduction > 0) scale(context, deployment, old, current - reduction);
  }
}

function recreate(
  context: ControllerContext,
  deployment: KubeObject,
  newReplicaSet: KubeObject,
  oldReplicaSets: KubeObject[],
): void {
  for (const old of oldReplicaSets) scale(context, deployment, old, 0);
  const oldPodsGone = oldReplicaSets.every((old) => statusNumber(old, 'replicas') === 0);
  if (oldPodsGone) scale(context, deployment, newReplicaSet, replicasOf(deployment));
}

function updateStatus(
  context: ControllerContext,
  deployment: KubeObject,
  newReplicaSet: KubeObject | undefined,
  all: KubeObject[],
): void {
  const { api } = context;
  const now = api.now();
  const desired = replicasOf(deployment);
  const sum = (field: string): number => all.reduce((total, replicaSet) => total + statusNumber(replicaSet, field), 0);
  const replicas = sum('replicas');
  const updatedReplicas = newReplicaSet ? statusNumber(newReplicaSet, 'replicas') : 0;
  const readyReplicas = sum('readyReplicas');
  const availableReplicas = sum('availableReplicas');
  const rolling = ((spec(deployment).strategy ?? {}) as JsonObject).rollingUpdate as JsonObject | undefined;
  const maxUnavailable =
    (spec(deployment).strategy as JsonObject | undefined)?.type === 'Recreate'
      ? 0
      : intOrPercent(rolling?.maxUnavailable ?? '25%', desired, false);
  const previous = status(deployment);
  let conditions = setCondition(
    previous.conditions,
    availableReplicas >= desired - maxUnavailable
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    now,
    true,
  );
  const complete = updatedReplicas === desired && replicas === desired && availableReplicas === desired;
  const rsName = newReplicaSet?.metadata.name ?? '';
  const progressing = conditionOf(deployment, 'Progressing');
  const counts: Record<string, number> = { replicas, updatedReplicas, readyReplicas, availableReplicas };
  // Zero counts are omitted from status, so absent means 0.
  const countsChanged = Object.entries(counts).some(([field, value]) => Number(previous[field] ?? 0) !== value);
  const deadlineSeconds = Number(spec(deployment).progressDeadlineSeconds ?? 600);
  if (complete) {
    conditions = setCondition(
      conditions,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      },
      now,
      true,
    );
  } else if (
    progressing?.reason === 'ProgressDeadlineExceeded' &&
    !countsChanged &&
    deployment.metadata.generation === previous.observedGeneration
  ) {
    // Stays failed until something moves.
  } else {
    const unchanged =
      !countsChanged &&
      progressing?.reason === 'ReplicaSetUpdated' &&
      deployment.metadata.generation === previous.observedGeneration;
    const lastProgress = unchanged ? (progressing.lastUpdateTime ?? now) : now;
    const elapsedMs = Date.parse(now) - Date.parse(lastProgress);
    if (elapsedMs >= deadlineSeconds * 1000) {
      conditions = setCondition(
        conditions,
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${rsName}" has timed out progressing.`,
        },
        now,
        true,
      );
    } else {
      conditions = setCondition(
        conditions,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${rsName}" is progressing.`,
        },
        now,
        true,
      ).map((condition) =>
        condition.type === 'Progressing' ? { ...condition, lastUpdateTime: lastProgress } : condition,
      );
      scheduleDeadline(context, deployment, deadlineSeconds * 1000 - elapsedMs + 1000);
    }
  }
  const nextStatus: JsonObject = {
    observedGeneration: deployment.metadata.generation ?? 1,
    replicas,
    updatedReplicas,
    readyReplicas,
    availableReplicas,
    ...(replicas - availableReplicas > 0 ? { unavailableReplicas: Math.max(0, replicas - availableReplicas) } : {}),
    conditions,
  };
  for (const field of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'])
    if (nextStatus[field] === 0) delete nextStatus[field];
  writeStatus(api, typeOf(api, 'apps', 'Deployment'), deployment, nextStatus);
}

export const deploymentController: Controller = {
  name: 'deployment',
  watches: ['apps/deployments', 'apps/replicasets'],
  targets(event) {
    if (event.key === 'apps/deployments')
      return [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
    const owner = controllerOf(event.object);
    return owner?.kind === 'Deployment'
      ? [{ key: 'apps/deployments', namespace: event.object.metadata.namespace, name: owner.name }]
      : [];
  },
  reconcile(target, context) {
    const { api } = context;
    const deployments = typeOf(api, 'apps', 'Deployment');
    let deployment = api.tryGet(deployments, target.namespace, target.name);
    if (!deployment || deployment.metadata.deletionTimestamp) return;
    const replicaSets = ownedBy(api, 'apps/replicasets', target.namespace, deployment.metadata.uid ?? '');
    const hash = templateHash(spec(deployment).template);
    let newReplicaSet = replicaSets.find((replicaSet) => replicaSet.metadata.labels?.['pod-template-hash'] === hash);
    const oldReplicaSets = replicaSets.filter((replicaSet) => replicaSet !== newReplicaSet);
    if (!spec(deployment).paused) {
      if (!newReplicaSet) {
        const revision = Math.max(0, ...replicaSets.map(revisionOf)) + 1;
        const initial = oldReplicaSets.length === 0 ? replicasOf(deployment) : 0;
        newReplicaSet = createReplicaSet(api, deployment, hash, revision, initial);
        if (initial > 0)
          recordEvent(
            context,
            deployment,
            'Normal',
            'ScalingReplicaSet',
            `Scaled up replica set ${newReplicaSet.metadata.name ?? ''} from 0 to ${initial}`,
            'deployment-controller',
          );
      } else {
        // Rolling back to an old template makes its ReplicaSet the newest revision again.
        const newest = Math.max(0, ...oldReplicaSets.map(revisionOf));
        if (revisionOf(newReplicaSet) < newest) {
          newReplicaSet = api.update(
            typeOf(api, 'apps', 'ReplicaSet'),
            target.namespace,
            newReplicaSet.metadata.name ?? '',
            {
              ...newReplicaSet,
              metadata: {
                ...newReplicaSet.metadata,
                annotations: { ...newReplicaSet.metadata.annotations, [REVISION]: String(newest + 1) },
              },
            },
            { fieldManager: CONTROLLER_MANAGER },
          );
        }
      }
      if ((spec(deployment).strategy as JsonObject | undefined)?.type === 'Recreate')
        recreate(context, deployment, newReplicaSet, oldReplicaSets);
      else rollingUpdate(context, deployment, newReplicaSet, oldReplicaSets);
      const revision = String(revisionOf(newReplicaSet));
      if (deployment.metadata.annotations?.[REVISION] !== revision) {
        deployment = api.update(
          deployments,
          target.namespace,
          target.name,
          {
            ...deployment,
            metadata: {
              ...deployment.metadata,
              annotations: { ...deployment.metadata.annotations, [REVISION]: revision },
            },
          },
          { fieldManager: CONTROLLER_MANAGER },
        );
      }
      cleanupHistory(api, deployment, oldReplicaSets);
    }
    const current = ownedBy(api, 'apps/replicasets', target.namespace, deployment.metadata.uid ?? '');
    const currentNew = current.find((replicaSet) => replicaSet.metadata.labels?.['pod-template-hash'] === hash);
    updateStatus(context, deployment, currentNew, current);
  },
};

function cleanupHistory(api: ClusterApi, deployment: KubeObject, oldReplicaSets: KubeObject[]): void {
  const limit = Number(spec(deployment).revisionHistoryLimit ?? 10);
  const idle = oldReplicaSets
    .filter((replicaSet) => replicasOf(replicaSet) === 0 && statusNumber(replicaSet, 'replicas') === 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  const replicaSets = typeOf(api, 'apps', 'ReplicaSet');
  for (const replicaSet of idle.slice(0, Math.max(0, idle.length - limit)))
    api.delete(replicaSets, replicaSet.metadata.namespace, replicaSet.metadata.name ?? '', {});
}

const deadlineTimers = new WeakMap<ControllerContext, Set<string>>();

/** One pending deadline check per deployment, so a stalled rollout turns ProgressDeadlineExceeded on time. */
function scheduleDeadline(context: ControllerContext, deployment: KubeObject, delayMs: number): void {
  const id = `${deployment.metadata.namespace ?? ''}/${deployment.metadata.name ?? ''}`;
  let pending = deadlineTimers.get(context);
  if (!pending) {
    pending = new Set();
    deadlineTimers.set(context, pending);
  }
  if (pending.has(id)) return;
  pending.add(id);
  const set = pending;
  context.after(delayMs, () => {
    set.delete(id);
    context.enqueue('deployment', {
      key: 'apps/deployments',
      namespace: deployment.metadata.namespace,
      name: deployment.metadata.name ?? '',
    });
  });
}
