// Property: through the API (create, update, merge patch, server-side apply,
// delete, no-op writes), an informer-style client that lists at some revision
// and then watches from it — with or without a label selector — always ends
// up with exactly the objects a fresh list returns, and every watch sees
// strictly increasing resourceVersions.
import fc from 'fast-check';
import { ObjectStore } from '../store/object-store';
import type { KubeObject } from '../store/kube-object';
import { ClusterApi } from './cluster-api';
import { ApiError } from './status';

type Operation =
  | { op: 'create' | 'update' | 'apply'; name: string; value: string; on: boolean }
  | { op: 'patch'; name: string; value: string }
  | { op: 'delete'; name: string }
  | { op: 'watch'; selector: boolean };

const names = fc.constantFrom('a', 'b', 'c');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    op: fc.constantFrom('create' as const, 'update' as const, 'apply' as const),
    name: names,
    value: fc.constantFrom('1', '2'),
    on: fc.boolean(),
  }),
  fc.record({ op: fc.constant('patch' as const), name: names, value: fc.constantFrom('1', '2', '3') }),
  fc.record({ op: fc.constant('delete' as const), name: names }),
  fc.record({ op: fc.constant('watch' as const), selector: fc.boolean() }),
);

interface Client {
  selector: string | undefined;
  cache: Map<string, string>;
  versions: number[];
}

function body(name: string, value: string, on: boolean): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { on: on ? 'yes' : 'no' } },
    data: { value },
  };
}

describe('API watch property', () => {
  it('list + watch from the list revision reconstructs exactly what a fresh list returns', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 40 }), (operations) => {
        const api = new ClusterApi(new ObjectStore(1000));
        const namespaces = api.types.byKind('', 'Namespace')!;
        const configMaps = api.types.byKind('', 'ConfigMap')!;
        api.create(namespaces, undefined, { metadata: { name: 'ns' } });
        const clients: Client[] = [];
        const watches: { close(): void }[] = [];
        for (const step of operations) {
          const before = api.store.revision;
          try {
            switch (step.op) {
              case 'create':
                api.create(configMaps, 'ns', body(step.name, step.value, step.on));
                break;
              case 'update': {
                const current = api.get(configMaps, 'ns', step.name);
                api.update(configMaps, 'ns', step.name, {
                  ...body(step.name, step.value, step.on),
                  metadata: {
                    ...body(step.name, step.value, step.on).metadata,
                    resourceVersion: current.metadata.resourceVersion,
                  },
                });
                break;
              }
              case 'apply':
                api.patch(configMaps, 'ns', step.name, 'apply', JSON.stringify(body(step.name, step.value, step.on)), {
                  fieldManager: 'property',
                });
                break;
              case 'patch':
                api.patch(configMaps, 'ns', step.name, 'merge', JSON.stringify({ data: { value: step.value } }));
                break;
              case 'delete':
                api.delete(configMaps, 'ns', step.name);
                break;
              case 'watch': {
                const selector = step.selector ? 'on=yes' : undefined;
                const listed = api.list(configMaps, 'ns', selector ? { labelSelector: selector } : {});
                const client: Client = {
                  selector,
                  cache: new Map(listed.items.map((item) => [item.metadata.name ?? '', JSON.stringify(item.data)])),
                  versions: [],
                };
                clients.push(client);
                watches.push(
                  api.watch(
                    configMaps,
                    'ns',
                    { resourceVersion: listed.resourceVersion, ...(selector ? { labelSelector: selector } : {}) },
                    (type, object, revision) => {
                      client.versions.push(revision);
                      if (type === 'DELETED') client.cache.delete(object.metadata.name ?? '');
                      else client.cache.set(object.metadata.name ?? '', JSON.stringify(object.data));
                    },
                  ),
                );
                break;
              }
            }
          } catch (error) {
            // 404 / 409 for operations on missing or existing objects are expected; nothing may change then.
            if (!(error instanceof ApiError) || ![404, 409].includes(error.code)) throw error;
            expect(api.store.revision).toBe(before);
          }
        }
        for (const client of clients) {
          const truth = api.list(configMaps, 'ns', client.selector ? { labelSelector: client.selector } : {});
          expect(new Map(truth.items.map((item) => [item.metadata.name ?? '', JSON.stringify(item.data)]))).toEqual(
            client.cache,
          );
          expect(client.versions).toEqual([...new Set(client.versions)].sort((a, b) => a - b));
        }
        for (const watch of watches) watch.close();
        api.owners.close();
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the resourceVersion for writes that change nothing', () => {
    const api = new ClusterApi(new ObjectStore());
    const namespaces = api.types.byKind('', 'Namespace')!;
    const configMaps = api.types.byKind('', 'ConfigMap')!;
    api.create(namespaces, undefined, { metadata: { name: 'ns' } });
    const created = api.create(configMaps, 'ns', body('same', '1', true));
    const revision = api.store.revision;
    expect(
      api.patch(configMaps, 'ns', 'same', 'merge', JSON.stringify({ data: { value: '1' } })).metadata.resourceVersion,
    ).toBe(created.metadata.resourceVersion);
    expect(api.update(configMaps, 'ns', 'same', created).metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );
    expect(api.store.revision).toBe(revision);
  });
});
