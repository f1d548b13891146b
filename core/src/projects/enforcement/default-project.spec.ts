// Runs testdata/default-project, and checks compileProject refuses to guess project-scoped
// clusters it was not given.
import { compileProject } from './compile-project';
import { defaultProject } from './default-project';
import { buildProject, loadCaseFiles } from './testdata/load';

interface Case {
  namespace: string;
  expected: unknown;
}

describe.each(loadCaseFiles<Case>('default-project'))('default project $file', ({ data }) => {
  it(data.description, () => {
    const answers = data.cases.map(({ namespace }) => ({ namespace, expected: defaultProject(namespace) }));
    expect(answers).toEqual(data.cases);
  });
});

describe('compileProject', () => {
  it('asks for the cluster list when the project permits only project-scoped clusters', () => {
    const project = buildProject({ name: 'team', spec: { permitOnlyProjectScopedClusters: true } })!;
    expect(() => compileProject(project)).toThrow(
      /AppProject team sets permitOnlyProjectScopedClusters.*scope\.clusters/,
    );
    expect(compileProject(project, { clusters: [] }).permitOnlyProjectScopedClusters).toBe(true);
  });
});
