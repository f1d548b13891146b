import { V1Secret } from '@kubernetes/client-node';
import { repositorySecret } from '../credentials/repository-secret-spec';
import { type RepositoryInput } from './dto/repository.input';
import { repositorySecretInput, urlShapeProblem } from './repository-input';
import { matchingSecrets, sameSecretData } from './repository-match';

const input = (fields: Partial<RepositoryInput>): RepositoryInput => ({
  url: 'https://git.example.com/a.git',
  ...fields,
});
const stored = (data: Record<string, string>, name = 'repo-1'): V1Secret => ({
  metadata: { name },
  data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
});

describe('repository input to the Secret Argo CD writes', () => {
  it('keeps only set fields and writes the same Secret as `argocd repo add`', () => {
    const value = repositorySecretInput(
      'repository',
      input({
        username: 'bot',
        password: 'p',
        project: 'team',
        insecure: true,
        proxy: '',
        enableLfs: false,
        name: null,
      }),
    );
    expect(value).toEqual({
      url: 'https://git.example.com/a.git',
      type: 'git',
      username: 'bot',
      password: 'p',
      project: 'team',
      insecure: true,
    });
    const secret = repositorySecret('repository', 'argocd', value);
    expect(secret.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
    expect(secret.stringData).toEqual({
      url: 'https://git.example.com/a.git',
      type: 'git',
      project: 'team',
      username: 'bot',
      password: 'p',
      insecure: 'true',
    });
  });

  it('refuses bad types, passwords without usernames and repository-only fields on templates', () => {
    expect(() => repositorySecretInput('repository', input({ type: 'svn' }))).toThrow(/type must be git, helm or oci/);
    expect(() => repositorySecretInput('repository', input({ password: 'p' }))).toThrow(/needs a username/);
    expect(() => repositorySecretInput('repo-creds', input({ project: 'team' }))).toThrow(/applies to repositories/);
    expect(() => repositorySecretInput('repository', input({ url: ' ' }))).toThrow(/url is required/);
  });

  it('finds a repository by URL and project, a template by URL', () => {
    const secrets = [
      stored({ url: 'https://git.example.com/a' }),
      stored({ url: 'https://git.example.com/a.git', project: 'team' }, 'repo-2'),
    ];
    expect(
      matchingSecrets(secrets, 'repository', 'https://git.example.com/a.git', '').map((s) => s.metadata?.name),
    ).toEqual(['repo-1']);
    expect(
      matchingSecrets(secrets, 'repository', 'https://git.example.com/a', 'team').map((s) => s.metadata?.name),
    ).toEqual(['repo-2']);
    expect(matchingSecrets(secrets, 'repository', 'https://git.example.com/a', undefined)).toHaveLength(2);
    expect(sameSecretData(secrets[0]!, { url: 'https://git.example.com/a' })).toBe(true);
    expect(sameSecretData(secrets[0]!, { url: 'https://git.example.com/a', type: 'git' })).toBe(false);
  });
});

describe('repository URL shapes (BI-XSS-2)', () => {
  it.each([
    'https://github.com/org/repo.git',
    'ssh://git@git.example.com:2222/org/repo.git',
    'git@github.com:org/repo.git',
    'oci://registry.example.com/charts',
    'registry.example.com/charts',
    'git://git.example.com/repo',
  ])('takes %s', (url) => {
    expect(urlShapeProblem(url)).toBeUndefined();
  });

  it.each([
    ['javascript://%0aalert(1)', /scheme "javascript"/],
    ['data:text/html,<script>', /url must be/],
    ['https://host/a b', /spaces or control/],
    ['https://host/\nx', /spaces or control/],
  ])('refuses %j', (url, problem) => {
    expect(urlShapeProblem(url)).toMatch(problem);
  });
});
