import { parseRepositorySecrets } from './repository-secret';
import { fnv32a, repositorySecret, repositorySecretName } from './repository-secret-spec';

describe('repository Secrets as the CLI writes them', () => {
  it('hashes like Go’s fnv.New32a', () => {
    // Reference values of Go's hash/fnv New32a.
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('names Secrets as Argo CD does', () => {
    expect(repositorySecretName('repository', 'https://github.com/argoproj/argocd-example-apps')).toBe(
      `repo-${fnv32a('https://github.com/argoproj/argocd-example-apps')}`,
    );
    expect(repositorySecretName('repository', 'https://x', 'team')).toBe(`repo-${fnv32a('https://xteam')}`);
    expect(repositorySecretName('repo-creds', 'https://github.com/argoproj')).toMatch(/^creds-\d+$/);
  });

  it('writes only the fields given, and reads back to the same repository', () => {
    const secret = repositorySecret('repository', 'argocd', {
      url: 'https://git.example.com/team/app.git',
      username: 'bot',
      password: 's3cret',
      insecure: true,
      project: 'team',
    });
    expect(secret.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
    expect(secret.stringData).toEqual({
      url: 'https://git.example.com/team/app.git',
      type: 'git',
      project: 'team',
      username: 'bot',
      password: 's3cret',
      insecure: 'true',
    });
    const parsed = parseRepositorySecrets([secret]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.repositories[0]).toMatchObject({ url: secret.stringData.url, username: 'bot', insecure: true });
  });
});
