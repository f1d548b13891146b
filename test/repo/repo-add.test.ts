// `driftless repo add|rm` and `repocreds add|rm` against the embedded
// cluster: the Secrets Argo CD's CLI would write, validated with a real
// ls-remote first, listed by the server afterwards, never with a credential.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { indexRepository, packageChart, startHelmRepoServer, type HelmRepoServer } from '../support/chart-servers';
import { useKernelFixture } from '../support/kernel-fixture';
import { runCliInProcess } from '../support/run-cli';

const base = mkdtempSync(join(tmpdir(), 'driftless-repo-add-'));
const repo = join(base, 'app.git');
const kubeconfig = join(base, 'kubeconfig');
const password = 'canary-password-7f3a';

describe('repo add / rm', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      writeFileSync(kubeconfig, cluster.sim.kubeconfigYaml());
      await cluster.connection.kubeConfig
        .makeApiClient(CoreV1Api)
        .createNamespace({ body: { metadata: { name: namespace } } });
      execFileSync('git', ['init', '-q', '--bare', '-b', 'main', repo]);
      const work = join(base, 'work');
      const env = {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@x',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@x',
      };
      execFileSync('git', ['clone', '-q', repo, work], { env });
      writeFileSync(join(work, 'README'), 'hello\n');
      execFileSync('git', ['-C', work, 'add', '-A'], { env });
      execFileSync('git', ['-C', work, 'commit', '-qm', 'one'], { env });
      execFileSync('git', ['-C', work, 'push', '-q', 'origin', 'main'], { env });
    },
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const cli = (...args: string[]) =>
    runCliInProcess([...args, '--kubeconfig', kubeconfig, '--namespace', fixture.namespace]);
  /** The repository and credential-template Secrets (the server keeps argocd-secret and the initial admin one too). */
  const secrets = async () =>
    (
      await fixture.cluster.connection.kubeConfig
        .makeApiClient(CoreV1Api)
        .listNamespacedSecret({ namespace: fixture.namespace, labelSelector: 'argocd.argoproj.io/secret-type' })
    ).items;
  /** A Secret's data, decoded from base64. */
  const decoded = (secret: V1Secret | undefined): Record<string, string> =>
    Object.fromEntries(
      Object.entries(secret?.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
    );

  it('checks the repository, writes the Secret Argo CD would, and the server lists it without the password', async () => {
    const url = `file://${repo}`;
    const added = await cli('repo', 'add', url, '--username', 'bot', '--password', password, '--project', 'team');
    expect(added).toEqual({ code: 0, stdout: `Repository '${url}' added\n`, stderr: '' });
    const [secret] = await secrets();
    expect(secret?.metadata?.name).toMatch(/^repo-\d+$/);
    expect(secret?.metadata?.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });

    const listed = await runCliInProcess(['repo', 'list', '--server', fixture.kernel.url, '-o', 'json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ url, username: 'bot', project: 'team', secretsSet: ['password'] }),
    ]);
    expect(listed.stdout).not.toContain(password);
  });

  it('refuses to change an existing repository without --upsert, and replaces it with it', async () => {
    const url = `file://${repo}`;
    const changed = await cli('repo', 'add', url, '--username', 'other', '--project', 'team');
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/exists with different settings .* add --upsert to replace it/);
    expect(changed.stderr).not.toContain(password);
    expect((await cli('repo', 'add', url, '--username', 'other', '--project', 'team', '--upsert')).code).toBe(0);
    expect(decoded((await secrets())[0]).username).toBe('other');
  });

  it('saves nothing when the repository cannot be reached', async () => {
    const result = await cli('repo', 'add', `file://${base}/missing.git`, '--password', password, '--username', 'x');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^driftless: cannot reach file:\/\/.*missing\.git: .* — nothing was saved\n$/);
    expect(result.stderr).not.toContain(password);
    expect(await secrets()).toHaveLength(1);
  });

  it('adds and removes credential templates, and removes repositories by URL', async () => {
    expect(
      (await cli('repocreds', 'add', 'https://git.example.com/team', '--username', 'u', '--password', password)).code,
    ).toBe(0);
    expect((await secrets()).map((secret) => secret.metadata?.name).sort()).toEqual([
      expect.stringMatching(/^creds-\d+$/),
      expect.stringMatching(/^repo-\d+$/),
    ]);
    expect((await cli('repocreds', 'rm', 'https://git.example.com/team')).code).toBe(0);
    expect((await cli('repo', 'rm', `file://${repo}`)).stdout).toBe(`Repository 'file://${repo}' removed\n`);
    expect(await secrets()).toEqual([]);
    const missing = await cli('repo', 'rm', `file://${repo}`);
    expect(missing).toMatchObject({
      code: 1,
      stderr: `driftless: no repository file://${repo} in namespace ${fixture.namespace}\n`,
    });
  });

  describe('Helm repositories', () => {
    let charts: HelmRepoServer;
    beforeAll(async () => {
      const dir = join(base, 'charts');
      await packageChart(dir, 'demo', '1.0.0');
      await indexRepository(dir);
      charts = await startHelmRepoServer({ dir, basicAuth: { username: 'bot', password } });
    });
    afterAll(() => charts?.close());
    const addChartRepository = (userPassword: string) =>
      cli('repo', 'add', charts.url, '--type', 'helm', '--name', 'c', '--username', 'bot', '--password', userPassword);

    it('reads index.yaml with the given credentials before saving, and saves nothing when refused', async () => {
      const refused = await addChartRepository('wrong-canary-31');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^driftless: cannot reach .*: repository .*: index\.yaml: the server refused the credentials \(HTTP 401\).* — nothing was saved\n$/,
      );
      expect(refused.stderr).not.toContain('wrong-canary-31');
      expect(await secrets()).toEqual([]);

      const added = await addChartRepository(password);
      expect(added).toMatchObject({ code: 0, stdout: `Repository '${charts.url}' added\n` });
      expect(charts.requests.filter((path) => path === '/index.yaml')).toHaveLength(2);
      const [secret] = await secrets();
      expect(decoded(secret)).toEqual({ url: charts.url, type: 'helm', name: 'c', username: 'bot', password });
      expect((await cli('repo', 'rm', charts.url)).code).toBe(0);
    });

    it('keeps --proxy and --no-proxy apart (commander would read --no-proxy as "no --proxy")', async () => {
      const added = await cli(
        'repocreds',
        'add',
        'https://git.example.com/',
        '--username',
        'u',
        '--password',
        password,
        '--proxy',
        'http://proxy.test:3128',
        '--no-proxy',
        '.internal,10.0.0.0/8',
      );
      expect(added.code).toBe(0);
      const [secret] = await secrets();
      const { proxy, noProxy } = decoded(secret);
      expect([proxy, noProxy]).toEqual(['http://proxy.test:3128', '.internal,10.0.0.0/8']);
      expect((await cli('repocreds', 'rm', 'https://git.example.com/')).code).toBe(0);
    });
  });
});
