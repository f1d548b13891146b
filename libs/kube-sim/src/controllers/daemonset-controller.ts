// DaemonSet: one pod per Ready simulated node, replaced when the template
// changes, with the status fields `kubectl rollout status` reads.
import type { KubeObject } from '../store/kube-object';
import type { Controller } from './controller-manager';
import {
  CONTROLLER_MANAGER,
  conditionOf,
  controllerOf,
  controllerRef,
  isPodActive,
  isPodReady,
  ownedBy,
  podFromTemplate,
  spec,
  templateHash,
  typeOf,
  writeStatus,
  randomSuffix,
} from './helpers';

const HASH_LABEL = 'controller-revision-hash';

export const daemonSetController: Controller = {
  name: 'daemonset',
  watches: ['apps/daemonsets', '/pods', '/nodes'],
  targets(event, context) {
    if (event.key === 'apps/daemonsets')
      return [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
    if (event.key === '/nodes')
      return context.api.store
        .list('apps/daemonsets')
        .map((set) => ({ key: 'apps/daemonsets', namespace: set.metadata.namespace, name: set.metadata.name ?? '' }));
    const owner = controllerOf(event.object);
    return owner?.kind === 'DaemonSet'
      ? [{ key: 'apps/daemonsets', namespace: event.object.metadata.namespace, name: owner.name }]
      : [];
  },
  reconcile(target, context) {
    const { api } = context;
    const daemonSets = typeOf(api, 'apps', 'DaemonSet');
    const pods = typeOf(api, '', 'Pod');
    const set = api.tryGet(daemonSets, target.namespace, target.name);
    if (!set || set.metadata.deletionTimestamp) return;
    const namespace = set.metadata.namespace ?? 'default';
    const hash = templateHash(spec(set).template);
    const nodes = api.store.list('/nodes').filter((node) => conditionOf(node, 'Ready')?.status === 'True');
    const owned = ownedBy(api, '/pods', namespace, set.metadata.uid ?? '').filter(isPodActive);
    const byNode = new Map<string, KubeObject>();
    for (const pod of owned) {
      const node = String((pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '');
      if (byNode.has(node) || !nodes.some((candidate) => candidate.metadata.name === node))
        api.delete(pods, namespace, pod.metadata.name ?? '', {});
      else byNode.set(node, pod);
    }
    let replacing = false;
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? '';
      const pod = byNode.get(nodeName);
      if (pod && pod.metadata.labels?.[HASH_LABEL] !== hash && !replacing && owned.every(isPodReady)) {
        // RollingUpdate with maxUnavailable 1: one node at a time.
        api.delete(pods, namespace, pod.metadata.name ?? '', {});
        replacing = true;
        continue;
      }
      if (pod) continue;
      const created = podFromTemplate(
        spec(set).template,
        `${target.name}-${randomSuffix()}`,
        namespace,
        controllerRef(set, daemonSets),
        { [HASH_LABEL]: hash },
      );
      created.spec = { ...(created.spec as object), nodeName };
      api.create(pods, namespace, created, { fieldManager: CONTROLLER_MANAGER });
    }
    const live = ownedBy(api, '/pods', namespace, set.metadata.uid ?? '').filter(isPodActive);
    const ready = live.filter(isPodReady).length;
    const updated = live.filter((pod) => pod.metadata.labels?.[HASH_LABEL] === hash).length;
    writeStatus(api, daemonSets, set, {
      observedGeneration: set.metadata.generation ?? 1,
      desiredNumberScheduled: nodes.length,
      currentNumberScheduled: live.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      updatedNumberScheduled: updated,
      ...(nodes.length - ready > 0 ? { numberUnavailable: nodes.length - ready } : {}),
    });
  },
};
