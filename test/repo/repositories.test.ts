// Repositories and credential templates over GraphQL and the CLI, from
// Secrets in the embedded cluster: settings yes, credential values never.
import { CoreV1Api } from '@kubernetes/client-node';
import { postGraphql } from '../support/graphql';
import { useKernelFixture } from '../support/kernel-fixture';
import { runCliInProcess } from '../support/run-cli';

const secretValues = ['s3cret-password-value', 'ssh-private-key-value', 'template-token-value'];

describe('repositories', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      const core = cluster.connection.kubeConfig.makeApiClient(CoreV1Api);
      await core.createNamespace({ body: { metadata: { name: namespace } } });
      const secret = (name: string, type: string, stringData: Record<string, string>) =>
        core.createNamespacedSecret({
          namespace,
          body: { metadata: { name, labels: { 'argocd.argoproj.io/secret-type': type } }, stringData },
        });
      await secret('private-repo', 'repository', {
        url: 'https://github.com/org/private.git',
        username: 'bot',
        password: secretValues[0]!,
        project: 'team-a',
      });
      await secret('ssh-repo', 'repository', {
        url: 'git@github.com:org/infra.git',
        sshPrivateKey: secretValues[1]!,
        insecure: 'true',
      });
      await secret('charts', 'repository', { url: 'https://charts.example.test', type: 'helm', name: 'example' });
      await secret('broken', 'repository', { password: 'x' });
      await secret('org-creds', 'repo-creds', { url: 'https://github.com/org', password: secretValues[2]! });
      await core.createNamespacedSecret({
        namespace,
        body: { metadata: { name: 'unrelated' }, stringData: { url: 'https://nope' } },
      });
    },
  });

  it('lists repositories and templates over GraphQL without any secret value', async () => {
    const { body } = await postGraphql<{ repositories: unknown[]; repositoryCredentials: unknown[] }>(
      fixture.kernel.url,
      '{ repositories { url type name project username secretsSet insecure source } repositoryCredentials { url secretsSet source } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.repositories).toEqual([
      {
        url: 'git@github.com:org/infra.git',
        type: 'git',
        name: null,
        project: null,
        username: null,
        secretsSet: ['sshPrivateKey'],
        insecure: true,
        source: `${fixture.namespace}/ssh-repo`,
      },
      {
        url: 'https://charts.example.test',
        type: 'helm',
        name: 'example',
        project: null,
        username: null,
        secretsSet: [],
        insecure: false,
        source: `${fixture.namespace}/charts`,
      },
      {
        url: 'https://github.com/org/private.git',
        type: 'git',
        name: null,
        project: 'team-a',
        username: 'bot',
        secretsSet: ['password'],
        insecure: false,
        source: `${fixture.namespace}/private-repo`,
      },
    ]);
    expect(body.data?.repositoryCredentials).toEqual([
      { url: 'https://github.com/org', secretsSet: ['password'], source: `${fixture.namespace}/org-creds` },
    ]);
    const raw = JSON.stringify(body);
    for (const value of secretValues) expect(raw).not.toContain(value);
  });

  it('prints them as argocd repo list does', async () => {
    const { code, stdout } = await runCliInProcess(['repo', 'list', '--server', fixture.kernel.url]);
    expect(code).toBe(0);
    // An empty NAME cell leaves only spaces, so rows without a name have one cell fewer.
    expect(stdout.split('\n').map((line) => line.split(/\s{2,}/))).toEqual([
      ['TYPE', 'NAME', 'REPO', 'INSECURE', 'CREDS', 'PROJECT'],
      ['git', 'git@github.com:org/infra.git', 'true', 'true'],
      ['helm', 'example', 'https://charts.example.test', 'false', 'false'],
      ['git', 'https://github.com/org/private.git', 'false', 'true', 'team-a'],
      [''],
    ]);
    const creds = await runCliInProcess(['repocreds', 'list', '--server', fixture.kernel.url, '-o', 'name']);
    expect(creds.stdout).toBe('https://github.com/org\n');
  });
});
