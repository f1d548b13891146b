import { compareTrees, formatPath } from './compare-tree';
import type { JsonObject } from './json';

function changesOf(desired: JsonObject, live: JsonObject, lastApplied?: JsonObject, builtIn = true): string[] {
  return compareTrees(desired, live, lastApplied, builtIn).changes.map((change) => `${change.type} ${change.path}`);
}

describe('compareTrees', () => {
  it('shares unchanged subtrees and copies only along changed paths', () => {
    const live: JsonObject = { spec: { a: { deep: 1 }, b: { x: 1 } }, other: { y: 2 } };
    const { predictedLive } = compareTrees({ spec: { b: { x: 2 } } }, live, undefined, true);
    expect(predictedLive).not.toBe(live);
    expect(predictedLive.other).toBe(live.other);
    expect((predictedLive.spec as JsonObject).a).toBe((live.spec as JsonObject).a);
    expect(predictedLive).toEqual({ spec: { a: { deep: 1 }, b: { x: 2 } }, other: { y: 2 } });
  });

  it('treats a built-in null as unspecified, so a previously applied field is removed', () => {
    expect(changesOf({ spec: { strategy: null } }, { spec: { strategy: { type: 'Recreate' } } })).toEqual([]);
    expect(
      changesOf(
        { spec: { strategy: null } },
        { spec: { strategy: { type: 'Recreate' } } },
        { spec: { strategy: { type: 'Recreate' } } },
      ),
    ).toEqual(['removed spec.strategy']);
  });

  it('adds missing keyed items and predicts them after the live ones', () => {
    const live: JsonObject = { containers: [{ name: 'a', image: 'a:1' }] };
    const { changes, predictedLive } = compareTrees(
      {
        containers: [
          { name: 'b', image: 'b:1' },
          { name: 'a', image: 'a:1' },
        ],
      },
      live,
      undefined,
      true,
    );
    expect(changes).toEqual([{ path: 'containers[name=b]', type: 'added', desired: { name: 'b', image: 'b:1' } }]);
    expect(predictedLive.containers).toEqual([
      { name: 'a', image: 'a:1' },
      { name: 'b', image: 'b:1' },
    ]);
  });

  it('merges finalizers as a set and reports a missing one', () => {
    expect(changesOf({ metadata: { finalizers: ['x'] } }, { metadata: { finalizers: ['y', 'x'] } })).toEqual([]);
    expect(changesOf({ metadata: { finalizers: ['x', 'z'] } }, { metadata: { finalizers: ['x'] } })).toEqual([
      'changed metadata.finalizers',
    ]);
    expect(
      changesOf(
        { metadata: { finalizers: ['x'] } },
        { metadata: { finalizers: ['x', 'old'] } },
        { metadata: { finalizers: ['x', 'old'] } },
      ),
    ).toEqual(['changed metadata.finalizers']);
  });

  it('reports a type change, and list length changes on the whole list', () => {
    expect(changesOf({ a: { b: 1 } }, { a: 'text' })).toEqual(['changed a']);
    expect(changesOf({ args: ['x'] }, { args: ['x', 'y'] })).toEqual(['changed args']);
    expect(changesOf({ args: ['x', 'z'] }, { args: ['x', 'y'] })).toEqual(['changed args[1]']);
  });

  it('compares quantities only where Kubernetes stores quantities', () => {
    expect(changesOf({ resources: { limits: { cpu: '1000m' } } }, { resources: { limits: { cpu: '1' } } })).toEqual([]);
    expect(changesOf({ data: { cpu: '1000m' } }, { data: { cpu: '1' } })).toEqual(['changed data.cpu']);
  });

  it('formats paths readably', () => {
    expect(formatPath(['metadata', 'annotations', 'example.com/x'])).toBe('metadata.annotations["example.com/x"]');
    expect(formatPath(['spec', { key: 'port', value: 80 }, 'name', { index: 2 }])).toBe('spec[port=80].name[2]');
  });
});
