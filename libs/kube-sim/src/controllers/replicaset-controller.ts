// ReplicaSet: keeps spec.replicas active pods and reports how many are ready.
import type { Controller } from './controller-manager';
import { recordEvent } from './event-recorder';
import {
  CONTROLLER_MANAGER,
  controllerOf,
  controllerRef,
  isPodActive,
  isPodReady,
  keyOf,
  ownedBy,
  podFromTemplate,
  randomSuffix,
  spec,
  status,
  typeOf,
  writeStatus,
} from './helpers';

export const replicaSetController: Controller = {
  name: 'replicaset',
  watches: ['apps/replicasets', '/pods'],
  targets(event, context) {
    if (event.key === 'apps/replicasets')
      return [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
    const owner = controllerOf(event.object);
    if (owner?.kind !== 'ReplicaSet') return [];
    return [
      { key: keyOf(context.api, 'apps', 'ReplicaSet'), namespace: event.object.metadata.namespace, name: owner.name },
    ];
  },
  reconcile(target, context) {
    const { api } = context;
    const replicaSets = typeOf(api, 'apps', 'ReplicaSet');
    const pods = typeOf(api, '', 'Pod');
    const replicaSet = api.tryGet(replicaSets, target.namespace, target.name);
    if (!replicaSet || replicaSet.metadata.deletionTimestamp) return;
    const namespace = replicaSet.metadata.namespace ?? 'default';
    const owned = ownedBy(api, '/pods', namespace, replicaSet.metadata.uid ?? '');
    const active = owned.filter(isPodActive);
    const desired = Number(spec(replicaSet).replicas ?? 1);
    if (active.length < desired) {
      for (let index = active.length; index < desired; index += 1) {
        const pod = podFromTemplate(
          spec(replicaSet).template,
          `${target.name}-${randomSuffix()}`,
          namespace,
          controllerRef(replicaSet, replicaSets),
        );
        api.create(pods, namespace, pod, { fieldManager: CONTROLLER_MANAGER });
        recordEvent(
          context,
          replicaSet,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${pod.metadata.name ?? ''}`,
          'replicaset-controller',
        );
      }
    } else if (active.length > desired) {
      // Not-ready pods go first, then the youngest.
      const victims = [...active].sort(
        (a, b) =>
          Number(isPodReady(a)) - Number(isPodReady(b)) ||
          String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
      );
      for (const pod of victims.slice(0, active.length - desired)) {
        api.delete(pods, namespace, pod.metadata.name ?? '', {});
        recordEvent(
          context,
          replicaSet,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name ?? ''}`,
          'replicaset-controller',
        );
      }
    }
    const live = ownedBy(api, '/pods', namespace, replicaSet.metadata.uid ?? '').filter(isPodActive);
    const ready = live.filter(isPodReady).length;
    writeStatus(api, replicaSets, replicaSet, {
      ...status(replicaSet),
      replicas: live.length,
      fullyLabeledReplicas: live.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: replicaSet.metadata.generation ?? 1,
    });
  },
};
