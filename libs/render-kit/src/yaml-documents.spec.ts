import { checkShape, parseDocument, splitDocuments, YamlLimitError } from './yaml-documents';

describe('splitDocuments', () => {
  it('cuts at --- lines (with an optional comment) and drops empty documents', () => {
    expect(splitDocuments('---\na: 1\n--- # two\nb: 2\n---\n\n---\nc: |\n  ---x\n')).toEqual([
      'a: 1',
      'b: 2',
      'c: |\n  ---x\n',
    ]);
  });

  it('refuses text after a separator, as Kubernetes does', () => {
    expect(() => splitDocuments('a: 1\n--- b: 2\n')).toThrow('invalid YAML document separator: b: 2');
  });
});

describe('parseDocument', () => {
  it('reads YAML 1.1 booleans (keys too, as goyaml.v2), keeps timestamps as strings, merges <<', () => {
    expect(
      parseDocument('a: yes\nb: off\nc: 2001-12-14\nd: &base {x: 1}\ne:\n  <<: *base\n  z: 2\nf: "on"\ny: 1'),
    ).toEqual({
      a: true,
      b: false,
      c: '2001-12-14',
      d: { x: 1 },
      e: { x: 1, z: 2 },
      f: 'on',
      true: 1,
    });
  });

  it('returns null for an empty document and lets the last duplicate key win', () => {
    expect(parseDocument('# nothing')).toBeNull();
    expect(parseDocument('a: 1\na: 2')).toEqual({ a: 2 });
  });

  it('refuses an alias bomb quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = Date.now();
    expect(() => parseDocument(lines.join('\n'))).toThrow(YamlLimitError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses deep nesting with a clear error, not a stack overflow', () => {
    expect(() => parseDocument('['.repeat(100_000) + ']'.repeat(100_000))).toThrow(YamlLimitError);
    expect(() => parseDocument('a: '.concat('['.repeat(2_000), ']'.repeat(2_000)))).toThrow(
      'it nests deeper than 1000 levels',
    );
  });
});

describe('checkShape', () => {
  it('accepts modest aliasing and refuses a cycle', () => {
    const shared = { x: [1, 2, 3] };
    expect(() => checkShape({ a: shared, b: shared, c: shared })).not.toThrow();
    const cycle: Record<string, unknown> = {};
    cycle.self = [cycle];
    expect(() => checkShape(cycle)).toThrow('it has an alias that refers to itself');
  });
});
