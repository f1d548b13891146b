// Strategic merge cases for threeWayApplyPatch: original (last applied), modified (manifest),
// current (live) and the patch kubectl apply would send, minus deletions of fields the live object
// no longer has. Add a case by adding an entry.
import type { JsonObject, JsonValue } from '@driftless/diff';

export interface PatchCase {
  readonly name: string;
  readonly original?: JsonObject;
  readonly modified: JsonObject;
  readonly current: JsonObject;
  /** undefined: nothing to change. */
  readonly patch: JsonObject | undefined;
}

/** A Deployment whose pod spec is `podSpec`; patches of it nest the same way. */
function deployment(podSpec: JsonObject, spec: JsonObject = {}): JsonObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', spec: { ...spec, template: { spec: podSpec } } };
}

function podSpecPatch(patch: JsonObject): JsonObject {
  return { spec: { template: { spec: patch } } };
}

function containers(...items: JsonValue[]): JsonObject {
  return { containers: items };
}

function configMap(fields: JsonObject, metadata: JsonObject = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', ...metadata }, ...fields };
}

export const strategicCases: PatchCase[] = [
  {
    name: 'nothing to change when the live object matches',
    original: configMap({ data: { a: '1' } }),
    modified: configMap({ data: { a: '1' } }),
    current: configMap({ data: { a: '1' } }, { uid: 'u1', resourceVersion: '7' }),
    patch: undefined,
  },
  {
    name: 'a changed scalar is set',
    original: configMap({ data: { a: '1' } }),
    modified: configMap({ data: { a: '2' } }),
    current: configMap({ data: { a: '1' } }),
    patch: { data: { a: '2' } },
  },
  {
    name: 'a number replacing a string is a change, and keeps its type',
    original: configMap({ spec: { replicas: '1' } }),
    modified: configMap({ spec: { replicas: 1 } }),
    current: configMap({ spec: { replicas: '1' } }),
    patch: { spec: { replicas: 1 } },
  },
  {
    name: 'a field the manifest stopped declaring is deleted',
    original: configMap({ data: { a: '1', b: '2' } }),
    modified: configMap({ data: { a: '1' } }),
    current: configMap({ data: { a: '1', b: '2' } }),
    patch: { data: { b: null } },
  },
  {
    name: 'a dropped field another writer already removed needs no patch',
    original: configMap({ data: { a: '1', b: '2' } }),
    modified: configMap({ data: { a: '1' } }),
    current: configMap({ data: { a: '1' } }),
    patch: undefined,
  },
  {
    name: 'fields only the live object has (other writers, defaults) stay',
    original: configMap({ data: { a: '1' } }),
    modified: configMap({ data: { a: '1' } }),
    current: configMap({ data: { a: '1', fromController: 'x' } }, { labels: { injected: 'yes' } }),
    patch: undefined,
  },
  {
    name: 'without a last-applied configuration nothing is deleted (adopting a live object)',
    modified: configMap({ data: { a: '2' } }),
    current: configMap({ data: { a: '1', b: '2' } }),
    patch: { data: { a: '2' } },
  },
  {
    name: 'null in the manifest deletes the live field, every time',
    original: configMap({ data: { a: '1', b: null } }),
    modified: configMap({ data: { a: '1', b: null } }),
    current: configMap({ data: { a: '1', b: 'set by someone' } }),
    patch: { data: { b: null } },
  },
  {
    name: 'a removed annotation is deleted, annotations of other writers stay',
    original: configMap({}, { annotations: { keep: 'k', drop: 'd' } }),
    modified: configMap({}, { annotations: { keep: 'k' } }),
    current: configMap({}, { annotations: { keep: 'k', drop: 'd', other: 'o' } }),
    patch: { metadata: { annotations: { drop: null } } },
  },
  {
    name: 'labels dropped from the manifest altogether go as a whole, as with kubectl',
    original: configMap({}, { labels: { app: 'a' } }),
    modified: configMap({}),
    current: configMap({}, { labels: { app: 'a', other: 'o' } }),
    patch: { metadata: { labels: null } },
  },
  {
    name: 'an empty map in the manifest deletes the keys it used to declare',
    original: configMap({ data: { a: '1' } }),
    modified: configMap({ data: {} }),
    current: configMap({ data: { a: '1', x: 'other writer' } }),
    patch: { data: { a: null } },
  },
  {
    name: 'a map the live object lacks is sent whole, empty or not',
    modified: configMap({ data: {}, binaryData: { b: 'AA==' } }),
    current: configMap({}),
    patch: { data: {}, binaryData: { b: 'AA==' } },
  },
  {
    name: 'a field named like an Object.prototype member is an ordinary field',
    modified: configMap({ data: { constructor: 'x', toString: 'y' } }),
    current: configMap({ data: {} }),
    patch: { data: { constructor: 'x', toString: 'y' } },
  },
  {
    name: 'a value of another type replaces the live one whole',
    original: configMap({ spec: { rules: { a: 1 } } }),
    modified: configMap({ spec: { rules: ['a'] } }),
    current: configMap({ spec: { rules: { a: 1, b: 2 } } }),
    patch: { spec: { rules: ['a'] } },
  },
  {
    name: 'containers merge by name: changed, added and removed items, and the order',
    original: deployment(containers({ name: 'web', image: 'web:1' }, { name: 'old', image: 'old:1' })),
    modified: deployment(containers({ name: 'web', image: 'web:2' }, { name: 'new', image: 'new:1' })),
    current: deployment(
      containers(
        { name: 'web', image: 'web:1', imagePullPolicy: 'IfNotPresent' },
        { name: 'old', image: 'old:1', imagePullPolicy: 'IfNotPresent' },
      ),
    ),
    patch: podSpecPatch({
      containers: [
        { name: 'web', image: 'web:2' },
        { name: 'new', image: 'new:1' },
        { name: 'old', $patch: 'delete' },
      ],
      '$setElementOrder/containers': [{ name: 'web' }, { name: 'new' }],
    }),
  },
  {
    name: 'reordered containers send only the order',
    original: deployment(containers({ name: 'a', image: 'a' }, { name: 'b', image: 'b' })),
    modified: deployment(containers({ name: 'b', image: 'b' }, { name: 'a', image: 'a' })),
    current: deployment(containers({ name: 'a', image: 'a' }, { name: 'b', image: 'b' })),
    patch: podSpecPatch({ '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] }),
  },
  {
    name: 'a container injected by another writer is left alone',
    original: deployment(containers({ name: 'web', image: 'web:1' })),
    modified: deployment(containers({ name: 'web', image: 'web:1' })),
    current: deployment(containers({ name: 'web', image: 'web:1' }, { name: 'istio-proxy', image: 'proxy' })),
    patch: undefined,
  },
  {
    name: 'an item the manifest still declares but the live list lost is sent whole',
    original: deployment(containers({ name: 'a', image: 'a' }, { name: 'b', image: 'b', args: ['x'] })),
    modified: deployment(containers({ name: 'a', image: 'a' }, { name: 'b', image: 'b', args: ['x'] })),
    current: deployment(containers({ name: 'a', image: 'a' })),
    patch: podSpecPatch({
      containers: [{ name: 'b', image: 'b', args: ['x'] }],
      '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
    }),
  },
  {
    name: 'env merges by name inside its container: removal, nested map change, order',
    original: deployment(
      containers({
        name: 'web',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
          { name: 'C', value: '3' },
        ],
      }),
    ),
    modified: deployment(
      containers({
        name: 'web',
        env: [
          { name: 'C', value: '3' },
          { name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'a' } } },
        ],
      }),
    ),
    current: deployment(
      containers({
        name: 'web',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
          { name: 'C', value: '3' },
        ],
      }),
    ),
    patch: podSpecPatch({
      containers: [
        {
          name: 'web',
          env: [
            { name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'a' } }, value: null },
            { name: 'B', $patch: 'delete' },
          ],
          '$setElementOrder/env': [{ name: 'C' }, { name: 'A' }],
        },
      ],
      '$setElementOrder/containers': [{ name: 'web' }],
    }),
  },
  {
    name: 'container ports merge by containerPort',
    original: deployment(containers({ name: 'web', ports: [{ containerPort: 80 }, { containerPort: 443 }] })),
    modified: deployment(containers({ name: 'web', ports: [{ containerPort: 8080 }, { containerPort: 80 }] })),
    current: deployment(
      containers({
        name: 'web',
        ports: [
          { containerPort: 80, protocol: 'TCP' },
          { containerPort: 443, protocol: 'TCP' },
        ],
      }),
    ),
    patch: podSpecPatch({
      containers: [
        {
          name: 'web',
          ports: [{ containerPort: 8080 }, { containerPort: 443, $patch: 'delete' }],
          '$setElementOrder/ports': [{ containerPort: 8080 }, { containerPort: 80 }],
        },
      ],
      '$setElementOrder/containers': [{ name: 'web' }],
    }),
  },
  {
    name: 'Service ports merge by port',
    original: {
      kind: 'Service',
      spec: {
        ports: [
          { port: 80, name: 'http' },
          { port: 443, name: 'https' },
        ],
      },
    },
    modified: { kind: 'Service', spec: { ports: [{ port: 80, name: 'http', targetPort: 8080 }] } },
    current: {
      kind: 'Service',
      spec: {
        clusterIP: '10.0.0.1',
        ports: [
          { port: 80, name: 'http', protocol: 'TCP', targetPort: 80 },
          { port: 443, name: 'https', protocol: 'TCP', targetPort: 443 },
        ],
      },
    },
    patch: {
      spec: {
        ports: [
          { port: 80, targetPort: 8080 },
          { port: 443, $patch: 'delete' },
        ],
        '$setElementOrder/ports': [{ port: 80 }],
      },
    },
  },
  {
    name: 'NetworkPolicy ports have no merge key and are replaced whole',
    original: { kind: 'NetworkPolicy', spec: { ingress: [{ ports: [{ port: 80 }, { port: 443 }] }] } },
    modified: { kind: 'NetworkPolicy', spec: { ingress: [{ ports: [{ port: 80 }] }] } },
    current: { kind: 'NetworkPolicy', spec: { ingress: [{ ports: [{ port: 80 }, { port: 443 }] }] } },
    patch: { spec: { ingress: [{ ports: [{ port: 80 }] }] } },
  },
  {
    name: 'tolerations have no merge key and are replaced whole',
    original: deployment({
      tolerations: [
        { key: 'a', operator: 'Exists' },
        { key: 'b', operator: 'Exists' },
      ],
    }),
    modified: deployment({ tolerations: [{ key: 'a', operator: 'Exists' }] }),
    current: deployment({
      tolerations: [
        { key: 'a', operator: 'Exists' },
        { key: 'b', operator: 'Exists' },
      ],
    }),
    patch: podSpecPatch({ tolerations: [{ key: 'a', operator: 'Exists' }] }),
  },
  {
    name: 'a ServiceAccount’s imagePullSecrets are atomic, a pod spec’s merge by name',
    original: { kind: 'ServiceAccount', imagePullSecrets: [{ name: 'a' }, { name: 'b' }] },
    modified: { kind: 'ServiceAccount', imagePullSecrets: [{ name: 'a' }] },
    current: { kind: 'ServiceAccount', imagePullSecrets: [{ name: 'a' }, { name: 'b' }] },
    patch: { imagePullSecrets: [{ name: 'a' }] },
  },
  {
    name: 'pod imagePullSecrets merge by name',
    original: deployment({ imagePullSecrets: [{ name: 'a' }, { name: 'b' }] }),
    modified: deployment({ imagePullSecrets: [{ name: 'a' }] }),
    current: deployment({ imagePullSecrets: [{ name: 'a' }, { name: 'b' }] }),
    patch: podSpecPatch({
      imagePullSecrets: [{ name: 'b', $patch: 'delete' }],
      '$setElementOrder/imagePullSecrets': [{ name: 'a' }],
    }),
  },
  {
    name: 'a volume changing source retains only the keys it names',
    original: deployment({ volumes: [{ name: 'data', configMap: { name: 'cm' } }] }),
    modified: deployment({ volumes: [{ name: 'data', emptyDir: {} }] }),
    current: deployment({ volumes: [{ name: 'data', configMap: { name: 'cm', defaultMode: 420 } }] }),
    patch: podSpecPatch({
      volumes: [{ name: 'data', emptyDir: {}, configMap: null, $retainKeys: ['emptyDir', 'name'] }],
      '$setElementOrder/volumes': [{ name: 'data' }],
    }),
  },
  {
    name: 'an unchanged volume needs no $retainKeys',
    original: deployment({ volumes: [{ name: 'data', configMap: { name: 'cm' } }] }),
    modified: deployment({ volumes: [{ name: 'data', configMap: { name: 'cm' } }] }),
    current: deployment({ volumes: [{ name: 'data', configMap: { name: 'cm', defaultMode: 420 } }] }),
    patch: undefined,
  },
  {
    name: 'a Deployment switching to Recreate drops the defaulted rollingUpdate',
    original: deployment({}, { strategy: { type: 'RollingUpdate' } }),
    modified: deployment({}, { strategy: { type: 'Recreate' } }),
    current: deployment({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } }),
    patch: { spec: { strategy: { type: 'Recreate', $retainKeys: ['type'] } } },
  },
  {
    name: 'a strategy map the live object extends is re-sent as its keys, as kubectl does',
    original: deployment({}, { strategy: { type: 'RollingUpdate' } }),
    modified: deployment({}, { strategy: { type: 'RollingUpdate' } }),
    current: deployment({}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2 } } }),
    patch: { spec: { strategy: { $retainKeys: ['type'] } } },
  },
  {
    name: 'finalizers are a set: additions, deletions and order',
    original: configMap({}, { finalizers: ['a', 'b'] }),
    modified: configMap({}, { finalizers: ['a', 'c'] }),
    current: configMap({}, { finalizers: ['a', 'b', 'other'] }),
    patch: {
      metadata: {
        finalizers: ['c'],
        '$deleteFromPrimitiveList/finalizers': ['b'],
        '$setElementOrder/finalizers': ['a', 'c'],
      },
    },
  },
  {
    name: 'a finalizer added by another writer stays',
    original: configMap({}, { finalizers: ['a'] }),
    modified: configMap({}, { finalizers: ['a'] }),
    current: configMap({}, { finalizers: ['a', 'other'] }),
    patch: undefined,
  },
  {
    name: 'Namespace spec.finalizers is not a set and is replaced whole',
    original: { kind: 'Namespace', spec: { finalizers: ['kubernetes', 'x'] } },
    modified: { kind: 'Namespace', spec: { finalizers: ['kubernetes'] } },
    current: { kind: 'Namespace', spec: { finalizers: ['kubernetes', 'x'] } },
    patch: { spec: { finalizers: ['kubernetes'] } },
  },
  {
    name: 'an emptied keyed list deletes what it used to declare and keeps the rest',
    original: deployment({ imagePullSecrets: [{ name: 'a' }] }),
    modified: deployment({ imagePullSecrets: [] }),
    current: deployment({ imagePullSecrets: [{ name: 'a' }, { name: 'other' }] }),
    patch: podSpecPatch({ imagePullSecrets: [{ name: 'a', $patch: 'delete' }] }),
  },
];
