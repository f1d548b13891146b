// Runs testdata/git-urls: repository URLs, their normalized form and, when Go's url.Parse
// rejects them, the reason.
import { normalizeGitUrl, repoUrlProblem } from './normalize-git-url';
import { loadCaseFiles } from './testdata/load';

interface Case {
  url: string;
  normalized: string;
  problem?: string;
}

describe.each(loadCaseFiles<Case>('git-urls'))('git URLs $file', ({ data }) => {
  it(data.description, () => {
    const answers = data.cases.map(({ url }) => {
      const problem = repoUrlProblem(url);
      return { url, normalized: normalizeGitUrl(url), ...(problem === undefined ? {} : { problem }) };
    });
    expect(answers).toEqual(data.cases);
  });
});
