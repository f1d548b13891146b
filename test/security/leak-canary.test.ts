// BI-LEAK-1 (security.md): canary strings are seeded where secrets live — a
// repository's password, a credential template's password and SSH key, a
// cluster's bearer token, a Secret's data and stringData (and so its
// last-applied-configuration) — then everything a user or operator can read is
// collected: every field the GraphQL schema offers for applications,
// repositories, credentials and clusters (built from introspection, so new
// fields are covered by themselves), Argo CD's REST reads, the CLI's JSON and
// diff output, errors forced on purpose, and the server's own debug log. No
// canary may appear in any of it, in clear or base64.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { spawnCli, type CliProcess } from '../support/cli-process';
import { makeRepo } from '../support/git-servers';
import { postGraphql } from '../support/graphql';
import { selectionBuilder } from '../support/graphql-selection';
import { closedPort } from '../support/ports';
import { runCliInProcess } from '../support/run-cli';
import { redisUrl, uniqueNamespace } from '../support/test-kernel';

jest.setTimeout(120_000);

const canary = (what: string) => `canary-${what}-${randomBytes(6).toString('hex')}`;
const CANARIES = {
  repoPassword: canary('repo-password'),
  credsPassword: canary('creds-password'),
  sshKey: canary('ssh-key'),
  bearerToken: canary('bearer-token'),
  secretData: canary('secret-data'),
  secretStringData: canary('secret-string-data'),
  urlPassword: canary('url-password'),
  inputPassword: canary('input-password'),
};
const forms = Object.values(CANARIES).flatMap((value) => [value, Buffer.from(value).toString('base64')]);
const leaksIn = (text: string) => forms.filter((form) => text.includes(form));

const secretYaml = `apiVersion: v1
kind: Secret
metadata:
  name: leaky
type: Opaque
data:
  key: ${Buffer.from(CANARIES.secretData).toString('base64')}
stringData:
  token: ${CANARIES.secretStringData}
`;
const configMapYaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  value: v1\n';

describe('BI-LEAK-1: no secret reaches an answer, an error, the CLI or a log line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'driftless-leak-'));
  const namespace = uniqueNamespace();
  const seen: string[] = [];
  let kernel: CliProcess;
  let url: string;
  let token: string;
  let core: CoreV1Api;
  let repoUrl: string;

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await postGraphql<T>(url, query, variables, { token });
    seen.push(JSON.stringify(body));
    return body;
  };
  const cli = async (...args: string[]) => {
    const result = await runCliInProcess([...args, '--server', url, '--auth-token', token]);
    seen.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    const repo = await makeRepo(join(dataDir, 'repos', 'apps.git'), {
      'leaky/secret.yaml': secretYaml,
      'leaky/cm.yaml': configMapYaml,
    });
    repoUrl = `file://${repo.dir}`;
    kernel = spawnCli(['start', '--port', '0'], {
      DRIFTLESS_DATA_DIR: join(dataDir, 'state'),
      DRIFTLESS_NAMESPACE: namespace,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'debug',
      NODE_ENV: 'test',
    });
    const [, listening] = await kernel.waitForStderr(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, kubeconfig] = await kernel.waitForStderr(/export KUBECONFIG=(\S+)/);
    url = listening as string;
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfig as string);
    core = kubeConfig.makeApiClient(CoreV1Api);
    const initial = await core.readNamespacedSecret({ name: 'argocd-initial-admin-secret', namespace });
    const login = await postGraphql<{ login: { token: string } }>(
      url,
      'mutation ($p: String!) { login(username: "admin", password: $p) { token } }',
      { p: Buffer.from(initial.data?.password ?? '', 'base64').toString('utf8') },
      { token: null },
    );
    token = login.body.data?.login.token ?? '';

    const secret = (name: string, type: string, stringData: Record<string, string>) =>
      core.createNamespacedSecret({
        namespace,
        body: {
          metadata: { name, labels: { 'argocd.argoproj.io/secret-type': type } },
          stringData,
        },
      });
    await secret('repo-apps', 'repository', { url: repoUrl, username: 'git', password: CANARIES.repoPassword });
    await secret('creds-example', 'repo-creds', {
      url: 'https://git.example.com/',
      password: CANARIES.credsPassword,
      sshPrivateKey: CANARIES.sshKey,
    });
    await secret('cluster-remote', 'cluster', {
      name: 'remote',
      server: `https://127.0.0.1:${await closedPort()}`,
      config: JSON.stringify({ bearerToken: CANARIES.bearerToken, tlsClientConfig: { insecure: true } }),
    });
  });

  afterAll(async () => {
    kernel?.child.kill('SIGTERM');
    await kernel?.exited;
  });

  it('shows none of them anywhere', async () => {
    const created = await gql(`mutation ($input: ApplicationInput!) { createApplication(input: $input) { name } }`, {
      input: {
        metadata: { name: 'leaky' },
        spec: {
          project: 'default',
          source: { repoURL: repoUrl, path: 'leaky', targetRevision: 'HEAD' },
          destination: { server: 'https://kubernetes.default.svc', namespace: 'leaky' },
          syncPolicy: { syncOptions: ['CreateNamespace=true'] },
        },
      },
    });
    expect(created.errors).toBeUndefined();
    expect((await gql('mutation { syncApplication(name: "leaky") { name } }')).errors).toBeUndefined();
    await poll(async () => {
      const body = await gql<{ applicationOperation: { pending: boolean; state: { phase: string } | null } }>(
        '{ applicationOperation(name: "leaky") { pending state { phase } } }',
      );
      const operation = body.data?.applicationOperation;
      return operation?.pending === false && operation.state?.phase === 'Succeeded';
    });
    // The canaries really are where secrets live: the live Secret and its last-applied annotation.
    const live = await core.readNamespacedSecret({ name: 'leaky', namespace: 'leaky' });
    expect(leaksIn(JSON.stringify(live))).toEqual(
      expect.arrayContaining([Buffer.from(CANARIES.secretData).toString('base64'), CANARIES.secretStringData]),
    );
    await poll(async () => {
      const body = await gql<{ application: { managedResources: unknown[] } | null }>(
        '{ application(name: "leaky") { managedResources { name } } }',
      );
      return (body.data?.application?.managedResources.length ?? 0) >= 2;
    });

    // Everything the schema offers about the application and the credentials, three levels deep.
    const select = await selectionBuilder(url, token);
    for (const query of [
      `{ application(name: "leaky") { ${select('Application', 4)} manifests { ${select('ApplicationManifests', 3)} } } }`,
      `{ applications(first: 5) { edges { node { ${select('Application', 3)} } } } }`,
      `{ repositories { ${select('Repository', 3)} } repositoryCredentials { ${select('Repository', 3)} } }`,
      `{ clusters { ${select('Cluster', 3)} } }`,
    ]) {
      const body = await gql(query);
      expect(body.errors).toBeUndefined();
    }
    for (const path of ['/api/v1/applications', '/api/v1/applications/leaky']) {
      const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      seen.push(await response.text());
    }

    // Errors forced on purpose: credentials in a URL and in the input of a repository that cannot be read,
    // a patch the API server refuses for the Secret, a revision that does not exist.
    const refusedRepo = await gql(
      `mutation ($input: RepositoryInput!) { createRepository(repository: $input) { __typename } }`,
      {
        input: {
          url: `https://builder:${CANARIES.urlPassword}@127.0.0.1:${await closedPort()}/apps.git`,
          username: 'builder',
          password: CANARIES.inputPassword,
        },
      },
    );
    expect(refusedRepo.errors?.length).toBeGreaterThan(0);
    const refusedPatch = await gql(
      `mutation { patchResource(name: "leaky", resource: { version: "v1", kind: "Secret", namespace: "leaky", name: "leaky" },
        patch: "{\\"data\\": {\\"key\\": 7}}") { __typename } }`,
    );
    expect(refusedPatch.errors?.length).toBeGreaterThan(0);
    const badRevision = await gql(
      '{ application(name: "leaky") { manifests(revision: "no-such-branch") { revisions } } }',
    );
    expect(badRevision.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    for (const args of [
      ['app', 'get', 'leaky', '-o', 'json'],
      ['app', 'manifests', 'leaky', '--source', 'live'],
      ['app', 'manifests', 'leaky'],
      ['app', 'resources', 'leaky'],
      ['repo', 'list', '-o', 'json'],
      ['repocreds', 'list', '-o', 'json'],
      ['cluster', 'list', '-o', 'json'],
    ])
      expect(await cli(...args)).toMatchObject({ code: 0 });
    await core.patchNamespacedSecret({
      name: 'leaky',
      namespace: 'leaky',
      body: [{ op: 'replace', path: '/data/key', value: Buffer.from('changed').toString('base64') }],
    });
    await poll(async () => (await cli('app', 'diff', 'leaky')).code === 1);

    // The server's log, at debug, of all of the above.
    kernel.child.kill('SIGTERM');
    await kernel.exited;
    const log = kernel.stdout() + kernel.stderr();
    expect(log.split('\n').filter((line) => line.includes('"level"')).length).toBeGreaterThan(50);

    expect(seen.filter((text) => leaksIn(text).length > 0)).toEqual([]);
    expect(leaksIn(log)).toEqual([]);
  });
});

async function poll(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
