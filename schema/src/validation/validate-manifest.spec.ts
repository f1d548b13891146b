import { validateManifestText } from './validate-manifest';

const project =
  'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: team\nspec:\n  sourceRepos: 5\n';

describe('validateManifestText', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing here\n'],
    ['stray separators', '---\n---\n'],
  ])('finds nothing in %s', (_case, text) => {
    expect(validateManifestText(text, 'empty.yaml')).toEqual([]);
  });

  it('numbers documents and lines from 1 and names the file', () => {
    expect(
      validateManifestText(`apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n${project}`, 'p.yaml'),
    ).toEqual([
      {
        file: 'p.yaml',
        document: 2,
        line: 10,
        path: 'spec.sourceRepos',
        severity: 'error',
        message: 'expected a list but found the number 5; write it as a list, one "- item" per line',
      },
    ]);
  });

  it('counts lines the same with Windows line endings', () => {
    const [issue] = validateManifestText(project.replace(/\n/g, '\r\n'), 'p.yaml');
    expect(issue).toMatchObject({ line: 6, path: 'spec.sourceRepos' });
  });

  it('points a missing property at its parent and an unknown one at its own key', () => {
    const text = 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: team\n  labelz: {}\n';
    expect(validateManifestText(text, 'p.yaml').map(({ line, path }) => ({ line, path }))).toEqual([
      { line: 1, path: '' },
      { line: 5, path: 'metadata.labelz' },
    ]);
  });
});
