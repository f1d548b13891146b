import { compareApp } from './compare-app';
import type { KubeObject } from './resource-key';
import { compileDiffConfig } from './settings';

const config = compileDiffConfig();

function configMap(name: string, namespace?: string, data: Record<string, string> = { a: '1' }): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, data };
}

describe('compareApp', () => {
  it('treats kinds the cluster does not know yet as namespaced', () => {
    const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} };
    const result = compareApp({
      desired: [widget],
      live: [],
      destinationNamespace: 'shop',
      isNamespaced: () => undefined,
      config,
    });
    expect(result.resources[0]).toMatchObject({ namespace: 'shop', liveMissing: true, status: 'OutOfSync' });
    expect(result.status).toBe('OutOfSync');
  });

  it('leaves the namespace empty when the destination has none', () => {
    const result = compareApp({ desired: [configMap('c')], live: [], isNamespaced: () => true, config });
    expect(result.resources[0]?.namespace).toBe('');
  });

  it('does not mutate the manifests it defaults namespaces on', () => {
    const manifest = configMap('c');
    compareApp({ desired: [manifest], live: [], destinationNamespace: 'shop', isNamespaced: () => true, config });
    expect(manifest.metadata).toEqual({ name: 'c' });
  });

  it('lists desired resources in order, then extraneous live ones sorted by key', () => {
    const result = compareApp({
      desired: [configMap('b'), configMap('a')],
      live: [configMap('z', 'ns'), configMap('b', 'ns'), configMap('y', 'ns')],
      destinationNamespace: 'ns',
      isNamespaced: () => true,
      config,
    });
    expect(result.resources.map((resource) => [resource.name, resource.status, resource.requiresPruning])).toEqual([
      ['b', 'Synced', false],
      ['a', 'OutOfSync', false],
      ['y', 'OutOfSync', true],
      ['z', 'OutOfSync', true],
    ]);
  });

  it('skips hooks named by generateName (their name comes at sync) but reports other nameless manifests', () => {
    const hook = (annotations: Record<string, string>): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { generateName: 'migrate-', annotations },
    });
    const result = compareApp({
      desired: [hook({ 'argocd.argoproj.io/hook': 'PreSync' }), hook({})],
      live: [],
      isNamespaced: () => true,
      config,
    });
    expect(result.resources).toEqual([]);
    expect(result.errors).toEqual(['desired manifest #1 has no metadata.name']);
  });

  it('is Synced for an empty app', () => {
    expect(compareApp({ desired: [], live: [], isNamespaced: () => true, config })).toEqual({
      status: 'Synced',
      resources: [],
      duplicates: [],
      errors: [],
    });
  });
});
