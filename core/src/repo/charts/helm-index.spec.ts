import { IndexParseError, parseHelmIndex } from './helm-index';

describe('parseHelmIndex', () => {
  it('reads versions, URLs and digests, keeping every scalar as text', () => {
    const index = parseHelmIndex(`apiVersion: v1
entries:
  nginx:
  - version: 1.10
    urls: [nginx-1.10.tgz, "https://mirror.example/nginx-1.10.tgz"]
    digest: ${'1'.repeat(64)}
    created: 2024-01-01T00:00:00Z
  - version: 1.2.3
    urls: [nginx-1.2.3.tgz]
    digest: sha256:${'A'.repeat(64)}
  - version: 0.1.0
    digest: short
  - name: no version
  broken: 7
generated: 2024-01-01T00:00:00Z
`);
    expect(index.get('nginx')).toEqual([
      { version: '1.10', urls: ['nginx-1.10.tgz', 'https://mirror.example/nginx-1.10.tgz'], digest: '1'.repeat(64) },
      { version: '1.2.3', urls: ['nginx-1.2.3.tgz'], digest: 'a'.repeat(64) },
      { version: '0.1.0', urls: [] },
    ]);
    expect(index.has('broken')).toBe(false);
  });

  it('does not expand aliases (billion laughs stays small)', () => {
    const lines = ['apiVersion: v1', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 12; level += 1) {
      lines.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(',')}]`,
      );
    }
    lines.push('entries:', '  demo:', '  - version: 1.0.0', '    urls: [demo.tgz]');
    expect(parseHelmIndex(lines.join('\n')).get('demo')?.[0]?.version).toBe('1.0.0');
  });

  it.each([['not: [valid'], ['just a string'], ['entries: [1, 2]'], ['<html>secret</html>']])(
    'refuses %j without quoting it',
    (text) => {
      expect(() => parseHelmIndex(text)).toThrow(IndexParseError);
      try {
        parseHelmIndex(text);
      } catch (error) {
        expect((error as Error).message).not.toContain('secret');
      }
    },
  );
});
