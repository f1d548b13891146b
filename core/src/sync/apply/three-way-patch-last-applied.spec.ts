import { LAST_APPLIED_ANNOTATION, type JsonObject } from '@driftless/diff';
import { readLastApplied, withLastApplied } from './three-way-patch-last-applied';

function annotationOf(object: JsonObject): unknown {
  return (object.metadata as { annotations: Record<string, unknown> }).annotations[LAST_APPLIED_ANNOTATION];
}

// Expected texts are what kubectl 1.34 writes for the same manifests.
const cases: { name: string; desired: JsonObject; recorded: string }[] = [
  {
    name: 'records `annotations: {}` when the manifest has none, keys sorted, newline-terminated',
    desired: {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'cm', namespace: 'ns' },
      data: { b: '2', a: '1' },
    },
    recorded:
      '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cm","namespace":"ns"}}\n',
  },
  {
    name: 'leaves a previous last-applied annotation out of the record',
    desired: {
      kind: 'ConfigMap',
      metadata: { name: 'cm', annotations: { team: 'a', [LAST_APPLIED_ANNOTATION]: '{"old":true}' } },
    },
    recorded: '{"kind":"ConfigMap","metadata":{"annotations":{"team":"a"},"name":"cm"}}\n',
  },
  {
    name: 'escapes HTML characters and line separators as Go does, keeps nulls and numbers',
    desired: { kind: 'X', metadata: { name: 'x' }, spec: { q: 'a<b>&c\u2028', gone: null, n: 1.5, big: 100 } },
    recorded:
      '{"kind":"X","metadata":{"annotations":{},"name":"x"},"spec":{"big":100,"gone":null,"n":1.5,"q":"a\\u003cb\\u003e\\u0026c\\u2028"}}\n',
  },
  {
    name: 'sorts integer-like keys as strings, not numerically',
    desired: { kind: 'X', metadata: { name: 'x' }, data: { '9': 'nine', '10': 'ten', b: 'b', B: 'B' } },
    recorded: '{"data":{"10":"ten","9":"nine","B":"B","b":"b"},"kind":"X","metadata":{"annotations":{},"name":"x"}}\n',
  },
  {
    name: 'orders keys by code point as Go orders UTF-8 bytes, also beyond the BMP',
    desired: { kind: 'X', metadata: { name: 'x' }, data: { '\u{1F600}': 'emoji', '\uFF01': 'fullwidth' } },
    recorded:
      '{"data":{"\uFF01":"fullwidth","\u{1F600}":"emoji"},"kind":"X","metadata":{"annotations":{},"name":"x"}}\n',
  },
];

describe('withLastApplied', () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    expect(annotationOf(withLastApplied(testCase.desired))).toBe(testCase.recorded);
  });

  it('keeps the manifest’s own annotations beside the record and does not change its input', () => {
    const desired: JsonObject = { kind: 'X', metadata: { name: 'x', annotations: { team: 'a' } } };
    const before = JSON.stringify(desired);
    const modified = withLastApplied(desired);
    expect(JSON.stringify(desired)).toBe(before);
    expect(Object.keys((modified.metadata as JsonObject).annotations as JsonObject)).toEqual([
      'team',
      LAST_APPLIED_ANNOTATION,
    ]);
  });

  it('round-trips through readLastApplied to the manifest plus its emptied annotations', () => {
    const desired: JsonObject = { kind: 'X', metadata: { name: 'x' }, spec: { a: [1, { b: null }] } };
    expect(readLastApplied(withLastApplied(desired))).toEqual({
      ...desired,
      metadata: { name: 'x', annotations: {} },
    });
  });
});

describe('readLastApplied', () => {
  const withText = (text: string): JsonObject => ({ metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: text } } });

  it.each([
    ['no annotations', { metadata: { name: 'x' } }],
    ['an empty annotation', withText('')],
  ])('is undefined for %s', (_name, live) => {
    expect(readLastApplied(live as JsonObject)).toBeUndefined();
  });

  it.each([
    ['text that is not JSON', withText('{oops')],
    ['JSON that is not an object', withText('[1]')],
  ])('fails for %s, as kubectl does', (_name, live) => {
    expect(() => readLastApplied(live)).toThrow(/^APPLY_LAST_APPLIED_UNREADABLE: /);
  });
});
