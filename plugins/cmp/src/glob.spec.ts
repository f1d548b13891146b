import { anyMatch, globToRegExp, pathsWithDirectories } from './glob';

const paths = pathsWithDirectories(['kustomization.yaml', 'env/prod/values.envsubst', 'src/main.jsonnet', '.hidden']);

describe('CMP discovery globs', () => {
  it('lists files and the directories above them', () => {
    expect(paths).toEqual([
      'kustomization.yaml',
      'env',
      'env/prod',
      'env/prod/values.envsubst',
      'src',
      'src/main.jsonnet',
      '.hidden',
    ]);
  });

  it.each([
    ['kustomization.yaml', true],
    ['./kustomization.yaml', true],
    ['*.yaml', true],
    ['*.envsubst', false],
    ['env/*/values.*', true],
    ['env', true],
    ['[jk]ustomization.yaml', true],
    ['[^k]ustomization.yaml', false],
    ['?hidden', true],
  ])('fileName %s → %s (filepath.Glob: no ** across directories)', (pattern, expected) => {
    expect(anyMatch(pattern, paths, false)).toBe(expected);
  });

  it.each([
    ['**/*.envsubst', true],
    ['**/*.jsonnet', true],
    ['**/kustomization.yaml', true],
    ['**/*.{json,jsonnet}', true],
    ['**/*.cue', false],
  ])('find.glob %s → %s (zglob)', (pattern, expected) => {
    expect(anyMatch(pattern, paths, true)).toBe(expected);
  });

  it('keeps * inside one segment in both dialects', () => {
    expect(globToRegExp('*.envsubst', true).test('env/prod/values.envsubst')).toBe(false);
  });
});
