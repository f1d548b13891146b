import fc from 'fast-check';
import { repoKey, sameRepo } from './repo-url';

describe('repoKey', () => {
  it.each([
    ['https://github.com/Acme/GitOps', 'github.com/acme/gitops'],
    ['https://github.com/acme/gitops.git', 'github.com/acme/gitops'],
    ['https://github.com/acme/gitops/', 'github.com/acme/gitops'],
    ['https://github.com/acme/gitops.git/', 'github.com/acme/gitops'],
    ['HTTPS://GitHub.COM/acme/gitops', 'github.com/acme/gitops'],
    ['http://user:token@github.com:8443/acme/gitops', 'github.com/acme/gitops'],
    ['ssh://git@github.com/acme/gitops.git', 'github.com/acme/gitops'],
    ['ssh://git@github.com:22/acme/gitops', 'github.com/acme/gitops'],
    ['git@github.com:acme/gitops.git', 'github.com/acme/gitops'],
    ['github.com:acme/gitops', 'github.com/acme/gitops'],
    ['git://github.com/acme/gitops.git', 'github.com/acme/gitops'],
    ['ssh://git@altssh.bitbucket.org:443/acme/gitops.git', 'bitbucket.org/acme/gitops'],
    ['ssh://git@bitbucket.example.com:7999/plat/gitops.git', 'bitbucket.example.com/plat/gitops'],
    ['https://gitlab.example.com/group/sub/project', 'gitlab.example.com/group/sub/project'],
    [
      'https://fabrikam@dev.azure.com/fabrikam/Fabrikam%20Fiber/_git/repo',
      'dev.azure.com/fabrikam/fabrikam fiber/_git/repo',
    ],
    ['git@ssh.dev.azure.com:v3/fabrikam/Fabrikam%20Fiber/repo', 'dev.azure.com/fabrikam/fabrikam fiber/_git/repo'],
  ])('%s → %s', (url, key) => {
    expect(repoKey(url)).toBe(key);
  });

  it.each([
    '',
    '/srv/git/repo',
    'file:///srv/git/repo',
    'javascript://%0aalert(1)',
    'https://github.com',
    'https://github.com/',
    'not a url',
  ])('%j is no remote repository', (url) => {
    expect(repoKey(url)).toBeUndefined();
  });

  it('tells different repositories apart', () => {
    expect(sameRepo('https://github.com/acme/gitops', 'https://github.com/acme/gitops-infra')).toBe(false);
    expect(sameRepo('https://github.com/acme/gitops', 'https://gitlab.com/acme/gitops')).toBe(false);
    expect(sameRepo('https://github.com/acme/gitops', 'https://github.com/acme/gitops/sub')).toBe(false);
    expect(sameRepo('https://github.com/acme/gitops', 'git@github.com:Acme/GitOps.git')).toBe(true);
  });

  it('gives the same key to every spelling of one repository', () => {
    const segment = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), segment, (path, owner) => {
        const repo = [owner, ...path].join('/');
        const spellings = [
          `https://example.com/${repo}`,
          `https://Example.com/${repo.toUpperCase()}.git/`,
          `ssh://git@example.com:2222/${repo}.git`,
          `git@example.com:${repo}.git`,
        ];
        const keys = new Set(spellings.map(repoKey));
        expect(keys).toEqual(new Set([`example.com/${repo}`]));
      }),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (url) => void repoKey(url)));
  });
});
