import { formatPath, parsePointer } from './json-path';

describe('json paths', () => {
  it.each([
    [[], ''],
    [['spec', 'source', 'helm', 'valueFiles', 0], 'spec.source.helm.valueFiles[0]'],
    [['metadata', 'annotations', 'argocd.argoproj.io/hook'], 'metadata.annotations["argocd.argoproj.io/hook"]'],
    [['spec', 'generators', 1, 'matrix'], 'spec.generators[1].matrix'],
  ])('formats %j as %s', (segments, expected) => {
    expect(formatPath(segments)).toBe(expected);
  });

  it('parses JSON pointers, unescaping ~1 and ~0 and turning indexes into numbers', () => {
    expect(parsePointer('/metadata/annotations/a~1b~0c')).toEqual(['metadata', 'annotations', 'a/b~c']);
    expect(parsePointer('/spec/sources/10/ref')).toEqual(['spec', 'sources', 10, 'ref']);
    expect(parsePointer('')).toEqual([]);
  });

  it('keeps all-digit map keys as names when the document shows a map', () => {
    const document = { metadata: { labels: { '42': 'x' } }, items: [{ a: 1 }] };
    expect(parsePointer('/metadata/labels/42', document)).toEqual(['metadata', 'labels', '42']);
    expect(parsePointer('/items/0/a', document)).toEqual(['items', 0, 'a']);
  });
});
