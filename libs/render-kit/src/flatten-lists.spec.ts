import { type KubeObject } from '@driftless/plugin-sdk';
import { flattenLists as flatten } from './flatten-lists';

const flattenLists = (objects: object[], where: string) => flatten(objects as KubeObject[], where);

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('flattenLists', () => {
  it('replaces List and *List objects by their items, one level deep', () => {
    const nested = { apiVersion: 'v1', kind: 'List', items: [configMap('c')] };
    expect(
      flattenLists(
        [
          configMap('a'),
          { apiVersion: 'v1', kind: 'List', items: [configMap('b'), nested] },
          { apiVersion: 'v1', kind: 'ConfigMapList', items: [configMap('d')] },
        ],
        'x.yaml',
      ),
    ).toEqual([configMap('a'), configMap('b'), nested, configMap('d')]);
  });

  it('drops a list whose items are null, but keeps an object with spec and null items', () => {
    const withSpec = { apiVersion: 'example.com/v1', kind: 'Thing', spec: {}, items: null };
    expect(flattenLists([{ apiVersion: 'v1', kind: 'ConfigMapList', items: null }, withSpec], 'x')).toEqual([withSpec]);
  });

  it('refuses an item that is not an object', () => {
    expect(() => flattenLists([{ apiVersion: 'v1', kind: 'List', items: ['x'] }], 'a/x.yaml')).toThrow(
      'a/x.yaml: List item 1 is not an object',
    );
  });
});
