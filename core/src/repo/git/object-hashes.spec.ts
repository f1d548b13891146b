import { lookupObjectHashes, normalizeTreePath, parseLsTree } from './object-hashes';

const tree = 'a'.repeat(40);
const blob = 'b'.repeat(40);

describe('object hashes', () => {
  it.each([
    ['apps/web', 'apps/web'],
    ['./apps/web/', 'apps/web'],
    ['/apps', 'apps'],
    ['', ''],
    ['.', ''],
    ['apps/../etc', undefined],
    ['a\nb', undefined],
  ])('normalizeTreePath(%j) = %j', (path, expected) => {
    expect(normalizeTreePath(path)).toBe(expected);
  });

  it('parses ls-tree -z output', () => {
    const output = [`040000 tree ${tree}\tapps`, `100644 blob ${blob}\tapps/a b.yaml`, ''].join('\0');
    expect([...parseLsTree(output)]).toEqual([
      ['apps', tree],
      ['apps/a b.yaml', blob],
    ]);
  });

  it('answers few paths with one cat-file batch, in order, null for missing or invalid paths', async () => {
    const calls: string[][] = [];
    const result = await lookupObjectHashes(
      (command) => {
        calls.push([...command.args]);
        expect(command.stdin).toBe(`c:apps\nc:missing\n`);
        return Promise.resolve(Buffer.from(`${tree} tree\nc:missing missing\n`));
      },
      'c',
      ['apps', './apps/', 'missing', '../x'],
    );
    expect(calls).toHaveLength(1);
    expect(result).toEqual({ apps: tree, './apps/': tree, missing: null, '../x': null });
  });

  it('answers many paths with one listing of their top-level folders', async () => {
    const paths = Array.from({ length: 40 }, (_, index) => `apps/app-${index}`);
    const calls: string[][] = [];
    const result = await lookupObjectHashes(
      (command) => {
        calls.push([...command.args]);
        return Promise.resolve(Buffer.from(`040000 tree ${tree}\tapps/app-1\0`));
      },
      'c',
      paths,
    );
    expect(calls).toEqual([['--literal-pathspecs', 'ls-tree', '-r', '-t', '-z', '--full-tree', 'c', '--', 'apps']]);
    expect(result['apps/app-1']).toBe(tree);
    expect(result['apps/app-2']).toBeNull();
  });
});
