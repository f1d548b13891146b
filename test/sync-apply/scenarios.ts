// Apply histories run through both kubectl and Driftless: an object another tool created, a first
// apply (no last-applied configuration yet), optionally a write by someone else, a second apply.
// `check` states what the scenario is about, so an equal-but-wrong outcome still fails.
import type { JsonObject, JsonValue } from '@driftless/diff';

export interface Scenario {
  readonly name: string;
  readonly initial: JsonObject;
  readonly v1: JsonObject;
  /** A write by another actor between the applies (a controller, an injector, a person). */
  readonly interference?: { readonly patchType: 'strategic' | 'merge'; readonly patch: JsonObject };
  readonly v2: JsonObject;
  readonly check: (result: JsonObject) => void;
}

interface PodShape {
  readonly containers: JsonValue[];
  readonly [field: string]: JsonValue;
}

function deployment(name: string, pod: PodShape, spec: JsonObject = {}, metadata: JsonObject = {}): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name }, ...metadata },
    spec: {
      selector: { matchLabels: { app: name } },
      ...spec,
      template: { metadata: { labels: { app: name } }, spec: pod },
    },
  };
}

function configMap(name: string, fields: JsonObject, metadata: JsonObject = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...metadata }, ...fields };
}

function widget(name: string, spec: JsonObject): JsonObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec };
}

/** Typed access into a result for the checks. */
function at(object: JsonObject, ...path: (string | number)[]): unknown {
  let value: unknown = object;
  for (const step of path) value = (value as Record<string | number, unknown> | undefined)?.[step];
  return value;
}

const pod = (result: JsonObject): Record<string, unknown> =>
  at(result, 'spec', 'template', 'spec') as Record<string, unknown>;
const names = (items: unknown): unknown[] => (items as { name: unknown }[]).map((item) => item.name);
const web = (image: string, extra: JsonObject = {}): JsonObject => ({ name: 'web', image, ...extra });

export const widgetCrd: JsonObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  size: { type: 'integer' },
                  extra: { type: 'string' },
                  routes: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        name: { type: 'string' },
                        match: { type: 'object', properties: { path: { type: 'string' } } },
                        backends: { type: 'array', items: { type: 'string' } },
                      },
                    },
                  },
                  config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
            },
          },
        },
      },
    ],
  },
};

export const scenarios: Scenario[] = [
  {
    name: 'containers added, changed, removed and reordered',
    initial: deployment('containers', { containers: [web('web:1')] }),
    v1: deployment('containers', { containers: [web('web:1'), { name: 'sidecar', image: 'sidecar:1' }] }),
    v2: deployment('containers', { containers: [{ name: 'worker', image: 'worker:1' }, web('web:2')] }),
    check: (result) => {
      expect(names(pod(result).containers)).toEqual(['worker', 'web']);
      expect(at(result, 'spec', 'template', 'spec', 'containers', 1, 'image')).toBe('web:2');
    },
  },
  {
    name: 'env added, removed, reordered, and a value turned into valueFrom',
    initial: deployment('env', { containers: [web('web:1', { env: [{ name: 'A', value: '1' }] })] }),
    v1: deployment('env', {
      containers: [
        web('web:1', {
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
            { name: 'C', value: '3' },
          ],
        }),
      ],
    }),
    v2: deployment('env', {
      containers: [
        web('web:1', {
          env: [
            { name: 'C', value: '3' },
            { name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } },
            { name: 'D', value: '4' },
          ],
        }),
      ],
    }),
    check: (result) => {
      const env = at(result, 'spec', 'template', 'spec', 'containers', 0, 'env');
      expect(names(env)).toEqual(['C', 'A', 'D']);
      expect((env as JsonObject[])[1]).toEqual({
        name: 'A',
        valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } },
      });
    },
  },
  {
    name: 'container ports added, removed and reordered',
    initial: deployment('ports', { containers: [web('web:1')] }),
    v1: deployment('ports', {
      containers: [
        web('web:1', {
          ports: [
            { containerPort: 80, name: 'http' },
            { containerPort: 443, name: 'https' },
          ],
        }),
      ],
    }),
    v2: deployment('ports', {
      containers: [
        web('web:1', {
          ports: [
            { containerPort: 8080, name: 'alt' },
            { containerPort: 80, name: 'http' },
          ],
        }),
      ],
    }),
    check: (result) => {
      const ports = at(result, 'spec', 'template', 'spec', 'containers', 0, 'ports') as { containerPort: number }[];
      expect(ports.map((port) => port.containerPort)).toEqual([8080, 80]);
    },
  },
  {
    // The first apply meets a configMap volume it never declared: only $retainKeys removes it.
    name: 'volumes and mounts removed and added, a volume switching from configMap to secret',
    initial: deployment('volumes', {
      containers: [web('web:1', { volumeMounts: [{ name: 'config', mountPath: '/etc/config' }] })],
      volumes: [{ name: 'config', configMap: { name: 'settings' } }],
    }),
    v1: deployment('volumes', {
      containers: [
        web('web:1', {
          volumeMounts: [
            { name: 'config', mountPath: '/etc/config' },
            { name: 'cache', mountPath: '/cache' },
          ],
        }),
      ],
      volumes: [
        { name: 'config', secret: { secretName: 'settings' } },
        { name: 'cache', emptyDir: {} },
      ],
    }),
    v2: deployment('volumes', {
      containers: [
        web('web:1', {
          volumeMounts: [
            { name: 'config', mountPath: '/etc/config', readOnly: true },
            { name: 'data', mountPath: '/data' },
          ],
        }),
      ],
      volumes: [
        { name: 'config', secret: { secretName: 'settings' } },
        { name: 'data', emptyDir: { medium: 'Memory' } },
      ],
    }),
    check: (result) => {
      expect(pod(result).volumes).toEqual([
        { name: 'config', secret: { secretName: 'settings' } },
        { name: 'data', emptyDir: { medium: 'Memory' } },
      ]);
      const mounts = at(result, 'spec', 'template', 'spec', 'containers', 0, 'volumeMounts');
      expect(names(mounts)).toEqual(['config', 'data']);
    },
  },
  {
    name: 'fields another writer set are left alone while the manifest changes others',
    initial: deployment('other-writer', { containers: [web('web:1')] }),
    v1: deployment('other-writer', { containers: [web('web:1')] }, {}, { annotations: { team: 'a' } }),
    interference: {
      patchType: 'strategic',
      patch: {
        metadata: { annotations: { 'autoscaler/last-scale': 'now' }, labels: { injected: 'true' } },
        spec: {
          replicas: 3,
          template: { spec: { containers: [{ name: 'web', env: [{ name: 'INJECTED', value: '1' }] }] } },
        },
      },
    },
    v2: deployment('other-writer', { containers: [web('web:2')] }, {}, { annotations: { team: 'b' } }),
    check: (result) => {
      expect(at(result, 'spec', 'replicas')).toBe(3);
      expect(at(result, 'metadata', 'annotations', 'autoscaler/last-scale')).toBe('now');
      expect(at(result, 'metadata', 'annotations', 'team')).toBe('b');
      expect(at(result, 'metadata', 'labels', 'injected')).toBe('true');
      expect(at(result, 'spec', 'template', 'spec', 'containers', 0)).toMatchObject({
        image: 'web:2',
        env: [{ name: 'INJECTED', value: '1' }],
      });
    },
  },
  {
    // rollingUpdate is the server's default, never in the manifest: only $retainKeys removes it.
    name: 'a Deployment switching from RollingUpdate to Recreate drops the defaulted rollingUpdate',
    initial: deployment('strategy', { containers: [web('web:1')] }),
    v1: deployment('strategy', { containers: [web('web:1')] }, { strategy: { type: 'RollingUpdate' } }),
    v2: deployment('strategy', { containers: [web('web:1')] }, { strategy: { type: 'Recreate' } }),
    check: (result) => expect(at(result, 'spec', 'strategy')).toEqual({ type: 'Recreate' }),
  },
  {
    name: 'annotations and labels removed from the manifest',
    initial: deployment('metadata', { containers: [web('web:1')] }),
    v1: deployment(
      'metadata',
      { containers: [web('web:1')] },
      {},
      { labels: { app: 'metadata', tier: 'web' }, annotations: { a: '1', b: '2' } },
    ),
    interference: { patchType: 'merge', patch: { metadata: { annotations: { other: 'x' } } } },
    v2: deployment('metadata', { containers: [web('web:1')] }, {}, { annotations: { a: '1' } }),
    check: (result) => {
      expect(at(result, 'metadata', 'labels')).toEqual({ app: 'metadata' });
      expect(at(result, 'metadata', 'annotations', 'b')).toBeUndefined();
      expect(at(result, 'metadata', 'annotations', 'other')).toBe('x');
    },
  },
  {
    name: 'ConfigMap data key removed and labels dropped altogether',
    initial: configMap('data', { data: { a: '1' } }),
    v1: configMap('data', { data: { a: '1', b: '2', c: '3' } }, { labels: { app: 'x' } }),
    interference: { patchType: 'merge', patch: { data: { d: 'other' }, metadata: { labels: { extra: 'y' } } } },
    v2: configMap('data', { data: { a: 'changed', c: '3' } }),
    check: (result) => {
      expect(result.data).toEqual({ a: 'changed', c: '3', d: 'other' });
      // kubectl deletes the whole labels map once the manifest stops declaring it.
      expect(at(result, 'metadata', 'labels')).toBeUndefined();
    },
  },
  {
    name: 'an emptied map deletes what the manifest declared and keeps the rest',
    initial: configMap('empty-map', {}),
    v1: configMap('empty-map', { data: { a: '1', b: '2' } }),
    interference: { patchType: 'merge', patch: { data: { x: 'other' } } },
    v2: configMap('empty-map', { data: {} }),
    check: (result) => expect(result.data).toEqual({ x: 'other' }),
  },
  {
    name: 'Service port removed, another changed, selector replaced',
    initial: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { selector: { app: 'a' }, ports: [{ port: 80, name: 'http' }] },
    },
    v1: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: {
        selector: { app: 'a' },
        ports: [
          { port: 80, name: 'http', targetPort: 8080 },
          { port: 443, name: 'https', targetPort: 8443 },
        ],
      },
    },
    v2: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { selector: { app: 'b' }, ports: [{ port: 80, name: 'http', targetPort: 9090 }] },
    },
    check: (result) => {
      expect(at(result, 'spec', 'ports')).toEqual([{ port: 80, name: 'http', targetPort: 9090, protocol: 'TCP' }]);
      expect(at(result, 'spec', 'selector')).toEqual({ app: 'b' });
    },
  },
  {
    name: 'custom resource with nested lists and maps (JSON merge patch)',
    initial: widget('widget', { size: 1 }),
    v1: widget('widget', {
      size: 1,
      routes: [
        { name: 'a', match: { path: '/a' }, backends: ['x', 'y'] },
        { name: 'b', match: { path: '/b' } },
      ],
      config: { x: 1, nested: { y: 2, z: 3 }, list: [{ k: 1 }] },
    }),
    interference: { patchType: 'merge', patch: { spec: { extra: 'keep-me', config: { other: 'o' } } } },
    v2: widget('widget', {
      size: 2,
      routes: [{ name: 'b', match: { path: '/bb' }, backends: ['z'] }],
      config: { x: 1, nested: { y: 2 }, list: [{ k: 2 }] },
    }),
    check: (result) =>
      expect(result.spec).toEqual({
        size: 2,
        extra: 'keep-me',
        routes: [{ name: 'b', match: { path: '/bb' }, backends: ['z'] }],
        config: { x: 1, nested: { y: 2 }, list: [{ k: 2 }], other: 'o' },
      }),
  },
  {
    name: 'finalizers form a set: one removed, one added, another writer’s kept',
    initial: configMap('finalizers', { data: { a: '1' } }),
    v1: configMap('finalizers', { data: { a: '1' } }, { finalizers: ['example.com/a', 'example.com/b'] }),
    interference: { patchType: 'strategic', patch: { metadata: { finalizers: ['example.com/other'] } } },
    v2: configMap('finalizers', { data: { a: '1' } }, { finalizers: ['example.com/a', 'example.com/c'] }),
    check: (result) =>
      expect(at(result, 'metadata', 'finalizers')).toEqual(['example.com/a', 'example.com/c', 'example.com/other']),
  },
  {
    name: 'null in the manifest removes a field another writer set',
    initial: deployment('null-field', { containers: [web('web:1')] }),
    v1: deployment('null-field', { containers: [web('web:1')] }),
    interference: { patchType: 'merge', patch: { spec: { minReadySeconds: 5 } } },
    v2: deployment('null-field', { containers: [web('web:1')] }, { minReadySeconds: null }),
    check: (result) => expect(at(result, 'spec', 'minReadySeconds')).toBeUndefined(),
  },
  {
    name: 'initContainers and imagePullSecrets merge by name, tolerations are replaced whole',
    initial: deployment('pod-lists', { containers: [web('web:1')] }),
    v1: deployment('pod-lists', {
      containers: [web('web:1')],
      initContainers: [
        { name: 'migrate', image: 'migrate:1' },
        { name: 'seed', image: 'seed:1' },
      ],
      imagePullSecrets: [{ name: 'a' }, { name: 'b' }],
      tolerations: [
        { key: 'a', operator: 'Exists' },
        { key: 'b', operator: 'Exists' },
      ],
    }),
    interference: {
      patchType: 'strategic',
      patch: { spec: { template: { spec: { imagePullSecrets: [{ name: 'injected' }] } } } },
    },
    v2: deployment('pod-lists', {
      containers: [web('web:1')],
      initContainers: [{ name: 'migrate', image: 'migrate:2' }],
      imagePullSecrets: [{ name: 'b' }],
      tolerations: [{ key: 'b', operator: 'Exists' }],
    }),
    check: (result) => {
      expect(pod(result).initContainers).toEqual([expect.objectContaining({ name: 'migrate', image: 'migrate:2' })]);
      expect(pod(result).imagePullSecrets).toEqual([{ name: 'b' }, { name: 'injected' }]);
      expect(pod(result).tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    },
  },
  {
    name: 'adopting an object another tool created keeps what the first manifest does not declare',
    initial: configMap('adopted', { data: { a: '1', legacy: 'x' } }, { labels: { old: 'y' } }),
    v1: configMap('adopted', { data: { a: '2' } }),
    v2: configMap('adopted', { data: { a: '2', b: '3' } }),
    check: (result) => {
      expect(result.data).toEqual({ a: '2', b: '3', legacy: 'x' });
      expect(at(result, 'metadata', 'labels')).toEqual({ old: 'y' });
    },
  },
];
