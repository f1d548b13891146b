// Runs testdata/source-repos: each file a project, each case a repository URL and the answer.
import { compileProject } from './compile-project';
import { isSourcePermitted } from './source-permission';
import { buildProject, loadCaseFiles } from './testdata/load';

interface Case {
  repoURL: string;
  permitted: boolean;
}

describe.each(loadCaseFiles<Case>('source-repos'))('sourceRepos $file', ({ data }) => {
  it(data.description, () => {
    const project = compileProject(buildProject(data.project)!);
    const answers = data.cases.map(({ repoURL }) => ({ repoURL, permitted: isSourcePermitted(project, repoURL) }));
    expect(answers).toEqual(data.cases);
  });
});
