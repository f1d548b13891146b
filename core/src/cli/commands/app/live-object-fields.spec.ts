import { filterFields, flattenFields, parseFieldPaths, withoutManagedFields } from './live-object-fields';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api', namespace: 'web', managedFields: [{ manager: 'kubectl' }], labels: { app: 'api' } },
  spec: {
    containers: [
      { name: 'main', image: 'api:1', ports: [{ containerPort: 80 }] },
      { name: 'sidecar', image: 'proxy:2' },
    ],
  },
  status: { podIP: '10.0.0.7', hostIP: '192.168.1.2' },
};

describe('withoutManagedFields', () => {
  it('drops metadata.managedFields and keeps the rest', () => {
    const shown = withoutManagedFields(pod);
    expect(shown['metadata']).toEqual({ name: 'api', namespace: 'web', labels: { app: 'api' } });
    expect(shown['spec']).toBe(pod.spec);
    const bare = { kind: 'ConfigMap', metadata: { name: 'x' } };
    expect(withoutManagedFields(bare)).toBe(bare);
  });
});

describe('filterFields', () => {
  it('keeps only the dotted paths, in place', () => {
    expect(filterFields(pod, ['status.podIP', 'metadata.labels.app'])).toEqual({
      status: { podIP: '10.0.0.7' },
      metadata: { labels: { app: 'api' } },
    });
  });

  it('keeps a whole subtree, and merges two paths below the same parent', () => {
    expect(filterFields(pod, ['status'])).toEqual({ status: pod.status });
    expect(filterFields(pod, ['status.podIP', 'status.hostIP'])).toEqual({ status: pod.status });
  });

  it('takes the field of every list item, item by item, skipping items without it', () => {
    expect(filterFields(pod, ['spec.containers.image', 'spec.containers.name'])).toEqual({
      spec: {
        containers: [
          { image: 'api:1', name: 'main' },
          { image: 'proxy:2', name: 'sidecar' },
        ],
      },
    });
    expect(filterFields(pod, ['spec.containers.ports.containerPort'])).toEqual({
      spec: { containers: [{ ports: [{ containerPort: 80 }] }] },
    });
  });

  it('answers {} when no path exists, and ignores paths that do not', () => {
    expect(filterFields(pod, ['status.phase', 'spec.nodeName'])).toEqual({});
    expect(filterFields(pod, ['status.phase', 'status.podIP'])).toEqual({ status: { podIP: '10.0.0.7' } });
    expect(filterFields(pod, ['kind.deeper'])).toEqual({});
  });
});

describe('parseFieldPaths', () => {
  it('splits on commas, drops blanks and accumulates repeated flags', () => {
    expect(parseFieldPaths('status.podIP, status.hostIP,')).toEqual(['status.podIP', 'status.hostIP']);
    expect(parseFieldPaths('data', ['kind'])).toEqual(['kind', 'data']);
  });
});

describe('flattenFields', () => {
  it('gives one row per leaf with dotted and indexed paths', () => {
    expect(flattenFields({ metadata: { name: 'api' }, spec: pod.spec, replicas: 2, empty: {} })).toEqual([
      { field: 'metadata.name', value: 'api' },
      { field: 'spec.containers[0].name', value: 'main' },
      { field: 'spec.containers[0].image', value: 'api:1' },
      { field: 'spec.containers[0].ports[0].containerPort', value: '80' },
      { field: 'spec.containers[1].name', value: 'sidecar' },
      { field: 'spec.containers[1].image', value: 'proxy:2' },
      { field: 'replicas', value: '2' },
    ]);
    expect(flattenFields({ args: ['-v', '--port'] })).toEqual([
      { field: 'args[0]', value: '-v' },
      { field: 'args[1]', value: '--port' },
    ]);
  });
});
