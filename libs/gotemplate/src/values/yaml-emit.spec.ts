import { marshalYaml } from './yaml-emit';

describe('marshalYaml (go-yaml v2 via JSON, as Helm toYaml)', () => {
  it('indents maps, not sequences inside maps', () => {
    expect(marshalYaml({ b: [1, { c: 'x' }], a: { d: true } })).toBe('a:\n  d: true\nb:\n- 1\n- c: x\n');
  });

  it('quotes strings that would read back as other types', () => {
    expect(marshalYaml(['true', 'yes', '123', '1.5', '', 'null', '2024-01-01', 'plain'])).toBe(
      '- "true"\n- "yes"\n- "123"\n- "1.5"\n- ""\n- "null"\n- "2024-01-01"\n- plain\n',
    );
  });

  it('writes multi-line strings as literal blocks', () => {
    expect(marshalYaml({ s: 'a\nb\n', t: 'a\nb' })).toBe('s: |\n  a\n  b\nt: |-\n  a\n  b\n');
  });

  it('folds long plain strings after column 80', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const lines = marshalYaml({ k: words }).split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[1]!.startsWith('  word')).toBe(true);
  });

  it('turns integral floats into ints, as the JSON round trip does', () => {
    expect(marshalYaml({ a: 1000000, b: 0.5, c: 1e21 })).toBe('a: 1000000\nb: 0.5\nc: 1e+21\n');
  });
});
