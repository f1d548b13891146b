import { compareResource } from './compare-resource';
import type { JsonObject, JsonValue } from './json';
import { LAST_APPLIED_ANNOTATION } from './last-applied';
import { renderResourceDiff } from './render';
import { compileDiffConfig } from './settings';

/** Reads a nested value for assertions (keeps specs free of `any`). */
function dig(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

function deepFreeze<T extends JsonValue>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const config = compileDiffConfig();

const desiredSecret: JsonObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', namespace: 'n' },
  stringData: { token: 'new-token' },
};
const liveSecret: JsonObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 's',
    namespace: 'n',
    annotations: {
      [LAST_APPLIED_ANNOTATION]: JSON.stringify({ ...desiredSecret, stringData: { token: 'old-token' } }),
    },
  },
  data: { token: 'b2xkLXRva2Vu' },
};

describe('compareResource', () => {
  it('never modifies its inputs (informer objects are shared)', () => {
    const desired = deepFreeze({ ...desiredSecret });
    const live = deepFreeze({ ...liveSecret });
    expect(() => compareResource(desired, live, config)).not.toThrow();
  });

  it('masks Secret data everywhere, including the last-applied annotation', () => {
    const result = compareResource(desiredSecret, liveSecret, config);
    expect(result.modified).toBe(true);
    const everything =
      JSON.stringify(result) +
      renderResourceDiff({
        group: '',
        kind: 'Secret',
        namespace: 'n',
        name: 's',
        version: 'v1',
        status: 'OutOfSync',
        hook: false,
        requiresPruning: false,
        liveMissing: false,
        ignoredForAppStatus: false,
        diff: result,
      });
    for (const secret of ['new-token', 'old-token', 'b2xkLXRva2Vu', 'bmV3LXRva2Vu'])
      expect(everything).not.toContain(secret);
    const annotation = dig(result.normalizedLive, 'metadata', 'annotations', LAST_APPLIED_ANNOTATION) as string;
    // The live value and the last-applied value are equal, so they share a mask.
    expect(dig(JSON.parse(annotation), 'data', 'token')).toBe(dig(result.normalizedLive, 'data', 'token'));
    expect(result.changes).toEqual([
      { path: 'data.token', type: 'changed', desired: '++++++++', live: '++++++++++++' },
    ]);
  });

  it('reports creation and pruning as modified with whole-object predictions', () => {
    const created = compareResource(desiredSecret, null, config);
    expect(created).toMatchObject({ modified: true, changes: [], normalizedLive: null });
    expect(dig(created.predictedLive, 'data', 'token')).toBe('++++++++');
    const pruned = compareResource(null, liveSecret, config);
    expect(pruned).toMatchObject({ modified: true, predictedLive: null, normalizedDesired: null });
    expect(() => compareResource(null, null, config)).toThrow(TypeError);
  });

  it('falls back to a two-way diff with a warning when last-applied is not JSON', () => {
    const desired: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const live: JsonObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', annotations: { [LAST_APPLIED_ANNOTATION]: '{not json' } },
      data: { a: '1', b: '2' },
    };
    const result = compareResource(desired, live, config);
    expect(result.modified).toBe(false);
    expect(result.warnings[0]).toContain('could not be read');
  });

  it('returns the live object itself as the prediction when nothing changes', () => {
    const desired: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const live: JsonObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', uid: 'u' },
      data: { a: '1' },
    };
    const result = compareResource(desired, live, config);
    expect(result.predictedLive).toBe(result.normalizedLive);
    expect(result.normalizedLive?.metadata).toEqual({ name: 'c' });
  });
});
