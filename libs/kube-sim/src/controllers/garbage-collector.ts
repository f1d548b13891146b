// Garbage collector: deletes objects whose owners are all gone (background
// cascade), finishes foreground deletion once an owner has no dependents left,
// and cascades foreground deletion down to the dependents.
import { ApiError } from '../api/status';
import { storageKey, type ResourceType } from '../registry/resource-type';
import type { KubeObject } from '../store/kube-object';
import type { Controller, ControllerContext, ObjectKey } from './controller-manager';

const FOREGROUND = 'foregroundDeletion';

function typeForKey(context: ControllerContext, key: string): ResourceType | undefined {
  return context.api.types.all().find((type) => storageKey(type) === key);
}

function refKey(key: string, object: KubeObject): ObjectKey {
  return { key, namespace: object.metadata.namespace, name: object.metadata.name ?? '' };
}

export const garbageCollector: Controller = {
  name: 'garbage-collector',
  watches: ['*'],
  targets(event, context) {
    const targets: ObjectKey[] = [];
    if (event.type === 'DELETED') {
      for (const dependent of context.api.owners.dependentsOf(event.object.metadata.uid ?? '')) targets.push(dependent);
      // An owner waiting in foreground deletion may now be free of dependents.
      for (const owner of event.object.metadata.ownerReferences ?? []) {
        const ref = context.api.owners.refOf(owner.uid);
        if (ref) targets.push(ref);
      }
      return targets;
    }
    if (event.object.metadata.ownerReferences?.length || event.object.metadata.finalizers?.includes(FOREGROUND))
      targets.push(refKey(event.key, event.object));
    return targets;
  },
  reconcile(target, context) {
    const { api } = context;
    const object = api.store.get(target.key, target.namespace, target.name);
    const type = typeForKey(context, target.key);
    if (!object || !type) return;
    const uid = object.metadata.uid ?? '';
    if (object.metadata.deletionTimestamp && object.metadata.finalizers?.includes(FOREGROUND)) {
      const dependents = api.owners.dependentsOf(uid);
      if (dependents.length === 0) {
        const finalizers = (object.metadata.finalizers ?? []).filter((finalizer) => finalizer !== FOREGROUND);
        api.update(
          type,
          object.metadata.namespace,
          target.name,
          { ...object, metadata: { ...object.metadata, finalizers } },
          { fieldManager: 'garbage-collector' },
        );
        return;
      }
      for (const ref of dependents) {
        const dependent = api.store.get(ref.key, ref.namespace, ref.name);
        const dependentType = typeForKey(context, ref.key);
        if (!dependent || !dependentType || dependent.metadata.deletionTimestamp) continue;
        deleteQuietly(() => api.delete(dependentType, ref.namespace, ref.name, { propagationPolicy: 'Foreground' }));
      }
      return;
    }
    const owners = object.metadata.ownerReferences ?? [];
    if (owners.length > 0 && owners.every((owner) => !api.owners.exists(owner.uid))) {
      deleteQuietly(() =>
        api.delete(type, object.metadata.namespace, target.name, { propagationPolicy: 'Background' }),
      );
    }
  },
};

function deleteQuietly(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 404)) throw error;
  }
}
