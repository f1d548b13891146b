// Runs testdata/patterns: the two pattern syntaxes AppProjects use besides @driftless/glob —
// sourceRepos globs (repo) and Go filepath.Match for resource lists (path).
import { compilePathMatch } from './go-path-match';
import { compileRepoGlob } from './repo-glob';
import { loadCaseFiles } from './testdata/load';

interface Case {
  syntax: 'repo' | 'path';
  pattern: string;
  matches?: string[];
  rejects?: string[];
  malformed?: boolean;
}

const compilers = { repo: compileRepoGlob, path: compilePathMatch };

describe.each(loadCaseFiles<Case>('patterns'))('patterns $file', ({ data }) => {
  it(data.description, () => {
    const answers = data.cases.map((testCase) => {
      const regex = compilers[testCase.syntax](testCase.pattern);
      if (regex === null) return { syntax: testCase.syntax, pattern: testCase.pattern, malformed: true };
      const texts = [...(testCase.matches ?? []), ...(testCase.rejects ?? [])];
      return {
        syntax: testCase.syntax,
        pattern: testCase.pattern,
        matches: texts.filter((text) => regex.test(text)),
        rejects: texts.filter((text) => !regex.test(text)),
      };
    });
    expect(answers).toEqual(data.cases);
  });
});
