import fc from 'fast-check';
import { describeRepository } from './describe-repository';
import { type CredentialTemplate, type RepositoryConfig } from './repository-config';
import { parseRepositorySecrets, type SecretLike } from './repository-secret';
import { normalizeRepoUrl, sameRepoUrl } from './repository-url';
import { matchCredentialTemplate, resolveRepository } from './resolve-credentials';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

function secret(
  name: string,
  type: 'repository' | 'repo-creds',
  values: Record<string, string>,
  encoded = false,
): SecretLike {
  const body = encoded
    ? { data: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, b64(value)])) }
    : { stringData: values };
  return { metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': type } }, ...body };
}

describe('parseRepositorySecrets', () => {
  it('reads repositories and templates from data (base64) and stringData, as Argo CD labels them', () => {
    const parsed = parseRepositorySecrets([
      secret(
        'private-repo',
        'repository',
        { url: 'https://github.com/org/private.git', username: 'bot', password: 's3cret', insecure: 'true' },
        true,
      ),
      secret('org-creds', 'repo-creds', { url: 'git@github.com:org', sshPrivateKey: 'KEY' }),
      { metadata: { name: 'unrelated', labels: {} }, stringData: { url: 'x' } },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.repositories).toEqual([
      {
        url: 'https://github.com/org/private.git',
        type: 'git',
        username: 'bot',
        password: 's3cret',
        insecure: true,
        source: 'argocd/private-repo',
      },
    ]);
    expect(parsed.templates).toEqual([
      { url: 'git@github.com:org', type: 'git', sshPrivateKey: 'KEY', source: 'argocd/org-creds' },
    ]);
  });

  it('skips a broken Secret with one line naming it and the field, never a value', () => {
    const parsed = parseRepositorySecrets([
      secret('no-url', 'repository', { password: 'hunter2' }),
      secret('bad-type', 'repository', { url: 'https://x', type: 'svn', password: 'hunter2' }),
      secret('bad-flag', 'repo-creds', { url: 'https://x', insecure: 'yes', password: 'hunter2' }),
      secret('good', 'repository', { url: 'https://charts.example.test', type: 'helm' }),
    ]);
    expect(parsed.problems).toEqual([
      'repository Secret argocd/no-url has no "url" — add the repository URL under data.url',
      'repository Secret argocd/bad-type has type "svn" — use git, helm or oci',
      'repo-creds Secret argocd/bad-flag has insecure="yes" — use true or false',
    ]);
    expect(parsed.problems.join('\n')).not.toContain('hunter2');
    expect(parsed.repositories.map((repository) => repository.source)).toEqual(['argocd/good']);
  });
});

describe('repository URLs', () => {
  it.each([
    ['https://GitHub.com/Org/Repo.git', 'https://github.com/org/repo'],
    ['https://github.com/org/repo/', 'https://github.com/org/repo'],
    ['  git@github.com:org/repo.git ', 'ssh://git@github.com/org/repo'],
    ['ssh://git@github.com/org/repo', 'ssh://git@github.com/org/repo'],
    ['oci://Registry.example.com:5000/charts/', 'registry.example.com:5000/charts'],
    ['registry.example.com:5000/charts', 'registry.example.com:5000/charts'],
    ['github.com:org/repo', 'ssh://github.com/org/repo'],
  ])('normalizes %s to %s', (url, normalized) => {
    expect(normalizeRepoUrl(url)).toBe(normalized);
  });

  it('treats scp-like and ssh:// forms of one repository as the same', () => {
    expect(sameRepoUrl('git@github.com:org/repo.git', 'ssh://git@github.com/org/repo')).toBe(true);
    expect(sameRepoUrl('https://github.com/org/repo', 'https://github.com/org/repo2')).toBe(false);
  });

  it('treats an OCI registry with and without oci:// as the same (Secrets omit it, Chart.yaml has it)', () => {
    expect(sameRepoUrl('oci://127.0.0.1:5000/charts', '127.0.0.1:5000/charts')).toBe(true);
    expect(sameRepoUrl('oci://ghcr.io/org/charts', 'ghcr.io/org/charts')).toBe(true);
  });
});

describe('resolveRepository', () => {
  const templates: CredentialTemplate[] = [
    { url: 'https://github.com/', type: 'git', username: 'everyone', password: 'p0', source: 'argocd/github' },
    {
      url: 'https://github.com/org',
      type: 'git',
      username: 'org-bot',
      password: 'p1',
      proxy: 'http://proxy:3128',
      source: 'argocd/org',
    },
    { url: 'oci://registry.example.test/charts', type: 'oci', username: 'u', password: 'p2', source: 'argocd/oci' },
  ];

  it('uses the credential template with the longest matching prefix', () => {
    expect(matchCredentialTemplate('https://github.com/org/app.git', templates)?.source).toBe('argocd/org');
    expect(matchCredentialTemplate('https://github.com/other/app', templates)?.source).toBe('argocd/github');
    expect(matchCredentialTemplate('https://gitlab.com/org/app', templates)).toBeUndefined();
  });

  it('gives an unregistered URL the template credentials and connection settings', () => {
    expect(resolveRepository('https://github.com/org/app', [], templates)).toEqual({
      url: 'https://github.com/org/app',
      type: 'git',
      source: '',
      username: 'org-bot',
      password: 'p1',
      proxy: 'http://proxy:3128',
      credentialsFrom: 'argocd/org',
    });
    expect(resolveRepository('oci://registry.example.test/charts/redis', [], templates)).toMatchObject({
      type: 'oci',
      credentialsFrom: 'argocd/oci',
    });
  });

  it('keeps a repository’s own credentials, and fills a repository without any from the template', () => {
    const repositories: RepositoryConfig[] = [
      { url: 'https://github.com/org/own.git', type: 'git', sshPrivateKey: 'K', source: 'argocd/own' },
      { url: 'https://github.com/org/bare', type: 'git', insecure: true, source: 'argocd/bare' },
    ];
    expect(resolveRepository('https://GitHub.com/org/own', repositories, templates)).toMatchObject({
      sshPrivateKey: 'K',
      credentialsFrom: 'argocd/own',
    });
    expect(resolveRepository('https://GitHub.com/org/own', repositories, templates)).not.toHaveProperty('password');
    expect(resolveRepository('https://github.com/org/bare', repositories, templates)).toMatchObject({
      username: 'org-bot',
      password: 'p1',
      insecure: true,
      source: 'argocd/bare',
      credentialsFrom: 'argocd/org',
    });
  });

  it('resolves to no credentials when nothing matches', () => {
    expect(resolveRepository('https://gitlab.com/public/app', [], templates)).toEqual({
      url: 'https://gitlab.com/public/app',
      type: 'git',
      source: '',
      credentialsFrom: undefined,
    });
  });
  it("uses a repository Secret scoped to the application's project, else an unscoped one, never another project's", () => {
    const url = 'https://git.example.com/shared.git';
    const secrets: RepositoryConfig[] = [
      { url, type: 'git', username: 'team-b', password: 'b', project: 'team-b', source: 'argocd/repo-b' },
      { url, type: 'git', username: 'global', password: 'g', source: 'argocd/repo-global' },
      { url, type: 'git', username: 'team-a', password: 'a', project: 'team-a', source: 'argocd/repo-a' },
    ];
    expect(resolveRepository(url, secrets, [], 'team-a').credentialsFrom).toBe('argocd/repo-a');
    expect(resolveRepository(url, secrets, [], 'team-c').credentialsFrom).toBe('argocd/repo-global');
    expect(resolveRepository(url, secrets, []).credentialsFrom).toBe('argocd/repo-global');
    const scopedOnly = secrets.filter((secret) => secret.project === 'team-b');
    expect(resolveRepository(url, scopedOnly, [], 'team-a')).toMatchObject({ credentialsFrom: undefined });
    expect(resolveRepository(url, scopedOnly, [], 'team-a').username).toBeUndefined();
  });
});

describe('describeRepository', () => {
  it('says which secrets are set without their values, and hides credentials in the URL', () => {
    const description = describeRepository({
      url: 'https://bot:token@github.com/org/app',
      type: 'git',
      username: 'bot',
      password: 'p',
      githubAppID: '1',
      githubAppPrivateKey: 'PEM',
      source: 'argocd/x',
    });
    expect(description).toEqual({
      url: 'https://***@github.com/org/app',
      type: 'git',
      name: undefined,
      project: undefined,
      username: 'bot',
      secretsSet: ['password', 'githubAppPrivateKey'],
      githubApp: true,
      insecure: false,
    });
  });

  it('never contains a secret value, whatever it is', () => {
    fc.assert(
      // Secret-shaped values (base64-like, 12+ characters) cannot occur in the description by chance.
      fc.property(fc.stringMatching(/^[A-Z0-9+/=]{12,64}$/), (value) => {
        const text = JSON.stringify(
          describeRepository({
            url: 'https://github.com/org/app',
            type: 'git',
            password: value,
            sshPrivateKey: value,
            bearerToken: value,
            source: 'argocd/x',
          }),
        );
        return !text.includes(value);
      }),
    );
  });
});
