import type { JsonObject } from './json';
import { ownedFieldPaths, removeFieldPaths } from './managed-fields';

/** Reads a nested value for assertions (keeps specs free of `any`). */
function dig(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

const live: JsonObject = {
  metadata: {
    name: 'web',
    finalizers: ['a', 'b'],
    managedFields: [
      {
        manager: 'mutator',
        operation: 'Update',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:finalizers': { 'v:"b"': {} }, 'f:labels': { '.': {}, 'f:tier': {} } },
          'f:spec': {
            'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
            'f:ports': { 'i:1': {} },
          },
        },
      },
      { manager: 'someone-else', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
    ],
    labels: { tier: 'front', app: 'web' },
  },
  spec: {
    replicas: 2,
    containers: [
      { name: 'side', image: 'side:1' },
      { name: 'web', image: 'web:2' },
    ],
    ports: [80, 443, 8080],
  },
};

describe('managed fields (managedFieldsManagers)', () => {
  it('collects leaves of trusted managers only, ignoring "." markers', () => {
    const paths = ownedFieldPaths(live, ['mutator']);
    expect(paths).toHaveLength(4);
    expect(ownedFieldPaths(live, [])).toEqual([]);
    expect(ownedFieldPaths(live, ['nobody'])).toEqual([]);
  });

  it('removes f:, k:, v: and i: paths without touching the input or siblings', () => {
    const before = JSON.stringify(live);
    const result = removeFieldPaths(live, ownedFieldPaths(live, ['mutator']));
    expect(JSON.stringify(live)).toBe(before);
    expect(dig(result, 'metadata', 'labels')).toEqual({ app: 'web' });
    expect(dig(result, 'metadata', 'finalizers')).toEqual(['a']);
    expect(dig(result, 'spec', 'containers')).toEqual([{ name: 'side', image: 'side:1' }, { name: 'web' }]);
    expect(dig(result, 'spec', 'ports')).toEqual([80, 8080]);
    expect(dig(result, 'spec', 'replicas')).toBe(2);
  });

  it('ignores malformed keys', () => {
    const odd: JsonObject = {
      metadata: { managedFields: [{ manager: 'm', fieldsV1: { 'k:{bad json': {}, 'x:y': {} } }] },
    };
    expect(ownedFieldPaths(odd, ['m'])).toEqual([]);
  });
});
