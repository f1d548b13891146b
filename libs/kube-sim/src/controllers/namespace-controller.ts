// Namespace lifecycle: a terminating namespace has its content deleted and is
// removed once empty; every active namespace gets a `default` ServiceAccount.
import { storageKey } from '../registry/resource-type';
import type { Controller } from './controller-manager';
import { CONTROLLER_MANAGER, keyOf, typeOf } from './helpers';

export const namespaceController: Controller = {
  name: 'namespace',
  watches: ['*'],
  targets(event, context) {
    const namespaces = keyOf(context.api, '', 'Namespace');
    if (event.key === namespaces)
      return [{ key: namespaces, namespace: undefined, name: event.object.metadata.name ?? '' }];
    const namespace = event.object.metadata.namespace;
    if (event.type === 'DELETED' && namespace) return [{ key: namespaces, namespace: undefined, name: namespace }];
    return [];
  },
  reconcile(target, context) {
    const { api } = context;
    const namespace = api.store.get(target.key, undefined, target.name);
    if (!namespace) return;
    if (!namespace.metadata.deletionTimestamp) {
      const serviceAccounts = typeOf(api, '', 'ServiceAccount');
      if (!api.tryGet(serviceAccounts, target.name, 'default')) {
        api.create(
          serviceAccounts,
          target.name,
          { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } },
          { fieldManager: CONTROLLER_MANAGER },
        );
      }
      return;
    }
    const namespaced = api.types.all().filter((type) => type.namespaced);
    for (const type of namespaced) {
      for (const object of api.store.list(storageKey(type), target.name)) {
        if (!object.metadata.deletionTimestamp)
          api.delete(type, target.name, object.metadata.name ?? '', { propagationPolicy: 'Background' });
      }
    }
    const remaining = namespaced.reduce(
      (count, type) => count + api.store.list(storageKey(type), target.name).length,
      0,
    );
    if (remaining > 0) {
      // Objects held by finalizers: look again shortly.
      context.after(100, () => context.enqueue('namespace', target));
      return;
    }
    api.store.remove(target.key, undefined, target.name);
  },
};
