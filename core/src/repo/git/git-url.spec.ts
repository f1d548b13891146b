import { GitError } from './git-error';
import { parseGitUrl, resolveSubmoduleUrl } from './git-url';

function refusal(url: string): string | undefined {
  try {
    parseGitUrl(url);
    return undefined;
  } catch (error) {
    return error instanceof GitError ? error.code : 'other';
  }
}

describe('parseGitUrl', () => {
  it('moves http userinfo out of the URL', () => {
    const url = parseGitUrl('https://bot:s3cret@Git.Example.test:8443/org/repo.git');
    expect(url).toMatchObject({
      transport: 'https',
      transportUrl: 'https://git.example.test:8443/org/repo.git',
      displayUrl: 'https://git.example.test:8443/org/repo.git',
      host: 'git.example.test',
      port: 8443,
      mirrorKey: 'https://git.example.test:8443/org/repo',
      embeddedUsername: 'bot',
      embeddedPassword: 's3cret',
    });
  });

  it('keeps the ssh user, drops an ssh password', () => {
    expect(parseGitUrl('ssh://git:pw@host.test:2222/abs/repo.git')).toMatchObject({
      transport: 'ssh',
      transportUrl: 'ssh://git@host.test:2222/abs/repo.git',
      host: 'host.test',
      port: 2222,
    });
  });

  it('reads scp-like URLs as ssh and shares the mirror with the ssh:// form', () => {
    const scp = parseGitUrl('git@github.com:argoproj/argo-cd.git');
    expect(scp).toMatchObject({
      transport: 'ssh',
      host: 'github.com',
      transportUrl: 'git@github.com:argoproj/argo-cd.git',
    });
    expect(scp.mirrorKey).toBe(parseGitUrl('ssh://git@github.com/argoproj/argo-cd').mirrorKey);
  });

  it('treats file:// and paths as local', () => {
    expect(parseGitUrl('file:///srv/repo.git').transport).toBe('file');
    expect(parseGitUrl('/srv/repo.git').transport).toBe('file');
    expect(parseGitUrl('./repo').transport).toBe('file');
  });

  it.each([
    'ext::sh -c id',
    'fd::3',
    '--upload-pack=id',
    'ssh://-oProxyCommand=id/x',
    '-oProxyCommand=id:repo',
    'ftp://host/repo',
    'https://host/repo\nx',
    'https://host/re po',
    '',
    'https://',
  ])('refuses %j', (url) => {
    expect(refusal(url)).toBe('FORBIDDEN_URL');
  });
});

describe('resolveSubmoduleUrl', () => {
  it.each([
    ['https://h.test/org/app.git', '../lib.git', 'https://h.test/org/lib.git'],
    ['https://h.test/org/app.git/', './sub', 'https://h.test/org/app.git/sub'],
    ['git@h.test:org/app.git', '../lib.git', 'git@h.test:org/lib.git'],
    ['ssh://git@h.test:22/org/app', '../../other/lib', 'ssh://git@h.test:22/other/lib'],
    ['/srv/repos/app.git', '../lib.git', '/srv/repos/lib.git'],
    ['https://h.test/org/app.git', 'https://elsewhere.test/x.git', 'https://elsewhere.test/x.git'],
  ])('%s + %s → %s', (parent, submodule, expected) => {
    expect(resolveSubmoduleUrl(parent, submodule)).toBe(expected);
  });

  it('refuses a relative URL that climbs out of the host', () => {
    expect(() => resolveSubmoduleUrl('https://h.test/app.git', '../../../x')).toThrow(GitError);
    expect(() => resolveSubmoduleUrl('git@h.test:app.git', '../../x')).toThrow(GitError);
  });
});

describe('refusal messages', () => {
  it('name the URL without its userinfo', () => {
    expect(() => parseGitUrl('ftp://bot:hunter22@h.test/repo.git')).toThrow(
      /"ftp:\/\/\*\*\*@h\.test\/repo\.git" refused: the scheme "ftp"/,
    );
  });
});
