// StatefulSet: pods <name>-0..N-1 created in order (each after the previous is
// Ready, for OrderedReady), PVCs from volumeClaimTemplates, rolling updates
// from the highest ordinal, and the revision fields rollout status reads.
import { text } from '../store/kube-object';
import type { JsonObject, KubeObject } from '../store/kube-object';
import type { Controller } from './controller-manager';
import {
  CONTROLLER_MANAGER,
  controllerOf,
  controllerRef,
  isPodActive,
  isPodReady,
  ownedBy,
  podFromTemplate,
  spec,
  status,
  templateHash,
  typeOf,
  writeStatus,
} from './helpers';

const REVISION_LABEL = 'controller-revision-hash';

export const statefulSetController: Controller = {
  name: 'statefulset',
  watches: ['apps/statefulsets', '/pods'],
  targets(event) {
    if (event.key === 'apps/statefulsets')
      return [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
    const owner = controllerOf(event.object);
    return owner?.kind === 'StatefulSet'
      ? [{ key: 'apps/statefulsets', namespace: event.object.metadata.namespace, name: owner.name }]
      : [];
  },
  reconcile(target, context) {
    const { api } = context;
    const statefulSets = typeOf(api, 'apps', 'StatefulSet');
    const pods = typeOf(api, '', 'Pod');
    const set = api.tryGet(statefulSets, target.namespace, target.name);
    if (!set || set.metadata.deletionTimestamp) return;
    const namespace = set.metadata.namespace ?? 'default';
    const name = set.metadata.name ?? '';
    const desired = Number(spec(set).replicas ?? 1);
    const revision = `${name}-${templateHash(spec(set).template)}`;
    const ordered = spec(set).podManagementPolicy !== 'Parallel';
    const byOrdinal = new Map<number, KubeObject>();
    for (const pod of ownedBy(api, '/pods', namespace, set.metadata.uid ?? '')) {
      const ordinal = Number((pod.metadata.name ?? '').slice(name.length + 1));
      if (isPodActive(pod)) byOrdinal.set(ordinal, pod);
    }
    for (let ordinal = 0; ordinal < desired; ordinal += 1) {
      const existing = byOrdinal.get(ordinal);
      if (existing) {
        if (ordered && !isPodReady(existing)) break;
        continue;
      }
      createClaims(context.api, set, ordinal);
      const pod = podFromTemplate(
        spec(set).template,
        `${name}-${ordinal}`,
        namespace,
        controllerRef(set, statefulSets),
        {
          [REVISION_LABEL]: revision,
          'statefulset.kubernetes.io/pod-name': `${name}-${ordinal}`,
          'apps.kubernetes.io/pod-index': String(ordinal),
        },
      );
      pod.spec = {
        ...(pod.spec as JsonObject),
        hostname: `${name}-${ordinal}`,
        ...(spec(set).serviceName ? { subdomain: spec(set).serviceName } : {}),
      };
      api.create(pods, namespace, pod, { fieldManager: CONTROLLER_MANAGER });
      if (ordered) break;
    }
    // Scale down from the highest ordinal.
    for (const [ordinal, pod] of [...byOrdinal].sort((a, b) => b[0] - a[0])) {
      if (ordinal >= desired) {
        api.delete(pods, namespace, pod.metadata.name ?? '', {});
        if (ordered) break;
      }
    }
    // Rolling update: replace one outdated pod at a time, highest ordinal first, once all are ready.
    const current = [...byOrdinal].filter(([ordinal]) => ordinal < desired);
    if (
      current.length === desired &&
      current.every(([, pod]) => isPodReady(pod)) &&
      spec(set).updateStrategy &&
      (spec(set).updateStrategy as JsonObject).type !== 'OnDelete'
    ) {
      const outdated = current
        .filter(([, pod]) => pod.metadata.labels?.[REVISION_LABEL] !== revision)
        .sort((a, b) => b[0] - a[0])[0];
      if (outdated) api.delete(pods, namespace, outdated[1].metadata.name ?? '', {});
    }
    const live = ownedBy(api, '/pods', namespace, set.metadata.uid ?? '').filter(isPodActive);
    const ready = live.filter(isPodReady).length;
    const updated = live.filter((pod) => pod.metadata.labels?.[REVISION_LABEL] === revision).length;
    const previousRevision = text(status(set).currentRevision, revision);
    const complete = updated === desired && live.length === desired;
    writeStatus(api, statefulSets, set, {
      observedGeneration: set.metadata.generation ?? 1,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: complete ? updated : live.length - updated,
      updatedReplicas: updated,
      availableReplicas: ready,
      currentRevision: complete ? revision : previousRevision,
      updateRevision: revision,
      collisionCount: 0,
    });
  },
};

function createClaims(api: import('../api/cluster-api').ClusterApi, set: KubeObject, ordinal: number): void {
  const templates = (
    Array.isArray(spec(set).volumeClaimTemplates) ? spec(set).volumeClaimTemplates : []
  ) as KubeObject[];
  const claims = typeOf(api, '', 'PersistentVolumeClaim');
  for (const template of templates) {
    const claimName = `${template.metadata?.name ?? 'data'}-${set.metadata.name ?? ''}-${ordinal}`;
    if (api.tryGet(claims, set.metadata.namespace, claimName)) continue;
    api.create(
      claims,
      set.metadata.namespace,
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: claimName, labels: { ...(template.metadata?.labels ?? {}), app: String(set.metadata.name) } },
        spec: structuredClone(template.spec ?? {}),
      },
      { fieldManager: CONTROLLER_MANAGER },
    );
  }
}
