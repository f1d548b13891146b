import { compareWalkOrder, normalizeAppPath, selectManifestFiles } from './select-files';

const walk = (...entries: [string, number][]) => entries.map(([path, size]) => ({ path, size }));
const paths = (files: { path: string }[]) => files.map((file) => file.path);
const all = { include: '', exclude: '', maxCombinedBytes: 0 };

describe('selectManifestFiles', () => {
  const files = walk(
    ['app/a.yaml', 10],
    ['app/b.yml', 10],
    ['app/c.json', 10],
    ['app/d.jsonnet', 10],
    ['app/README.md', 10],
    ['app/sub/e.yaml', 10],
    ['app/Chart.YAML', 10],
  );

  it('keeps .yaml, .yml, .json and .jsonnet files', () => {
    expect(paths(selectManifestFiles('app', files, all))).toEqual([
      'app/a.yaml',
      'app/b.yml',
      'app/c.json',
      'app/d.jsonnet',
      'app/sub/e.yaml',
    ]);
  });

  it('matches include and exclude against the path relative to the app, with braces; exclude wins', () => {
    const pick = (include: string, exclude: string) =>
      paths(selectManifestFiles('app', files, { include, exclude, maxCombinedBytes: 0 }));
    expect(pick('*.yaml', '')).toEqual(['app/a.yaml', 'app/sub/e.yaml']);
    expect(pick('{a.yaml,c.json}', '')).toEqual(['app/a.yaml', 'app/c.json']);
    expect(pick('sub/*', '')).toEqual(['app/sub/e.yaml']);
    expect(pick('*.yaml', 'sub/*')).toEqual(['app/a.yaml']);
    expect(pick('', '{*.json,*.jsonnet}')).toEqual(['app/a.yaml', 'app/b.yml', 'app/sub/e.yaml']);
  });

  it('refuses YAML and JSON past the combined size, not counting Jsonnet, before reading', () => {
    const big = walk(['a.yaml', 6], ['b.jsonnet', 100], ['c.yaml', 5]);
    expect(paths(selectManifestFiles('.', big, { ...all, maxCombinedBytes: 11 }))).toHaveLength(3);
    expect(() => selectManifestFiles('.', big, { ...all, maxCombinedBytes: 10 })).toThrow(
      'the manifests are larger than 10 bytes combined (reposerver.max.combined.directory.manifests.size), past "c.yaml"',
    );
  });

  it('orders files as Go walks a directory: entries by name, byte-wise', () => {
    const unordered = walk(['b.yaml', 1], ['b/x.yaml', 1], ['B.yaml', 1], ['a.yaml', 1]);
    expect(paths(selectManifestFiles('.', unordered, all))).toEqual(['B.yaml', 'a.yaml', 'b/x.yaml', 'b.yaml']);
    expect(compareWalkOrder('b/x.yaml', 'b.yaml')).toBeLessThan(0);
  });
});

describe('normalizeAppPath', () => {
  it.each([
    ['', '.'],
    ['.', '.'],
    ['./apps/web/', 'apps/web'],
    ['apps//web', 'apps/web'],
  ])('%j → %j', (path, normalized) => {
    expect(normalizeAppPath(path)).toBe(normalized);
  });
});
