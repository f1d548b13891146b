// Runs testdata/virtual-project: the spec Argo CD enforces once project-scoped clusters and
// repositories and global projects are merged in.
import { type AppProject, type AppProjectSpec } from '@driftless/schema';
import { buildClusters, buildProject, loadCaseFiles } from './testdata/load';
import { effectiveProjectSpec } from './virtual-project';

interface Case {
  scope: { repositoryURLs?: string[]; globalProjects?: Pick<AppProject, 'metadata' | 'spec'>[] };
  spec: AppProjectSpec;
}

describe.each(loadCaseFiles<Case>('virtual-project'))('virtual project $file', ({ data }) => {
  it(data.description, () => {
    const project = buildProject(data.project)!;
    const clusters = buildClusters(data.clusters);
    const answers = data.cases.map(({ scope }) => {
      const globalProjects = (scope.globalProjects ?? []).map((global): AppProject => ({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        ...global,
      }));
      return { scope, spec: effectiveProjectSpec(project, { ...scope, globalProjects, clusters }) };
    });
    expect(answers).toEqual(data.cases);
  });
});
