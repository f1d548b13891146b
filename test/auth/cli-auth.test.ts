// The CLI's login, contexts and account commands against a running server
// (in-process CLI, a private --config file).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCliConfig } from '../../core/src/cli/client/cli-config';
import { ensureNamespace } from '../../core/src/kube/ensure-resources';
import { useKernelFixture } from '../support/kernel-fixture';
import { runCliInProcess } from '../support/run-cli';
import { initialAdminPassword } from '../support/test-kernel';
import { setConfigMap, whoAmI } from './auth-support';

describe('driftless login, context, logout and account', () => {
  const fixture = useKernelFixture({
    prepare: async (cluster, namespace) => {
      await ensureNamespace(cluster.connection.kubeConfig, namespace);
      await setConfigMap(cluster.connection, namespace, 'argocd-cm', { 'accounts.alice': 'apiKey, login' });
    },
  });
  let dir: string;
  let configPath: string;
  let adminPassword: string;
  let hostPort: string;
  const cli = (...args: string[]) => runCliInProcess([...args, '--config', configPath]);

  beforeAll(async () => {
    // Only what these commands store may authenticate them.
    delete process.env.DRIFTLESS_AUTH_TOKEN;
    dir = await mkdtemp(join(tmpdir(), 'driftless-cli-auth-'));
    configPath = join(dir, 'driftless', 'config');
    adminPassword = await initialAdminPassword(fixture.cluster.connection, fixture.namespace);
    hostPort = fixture.kernel.url.replace(/^http:\/\//, '');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('logs in, stores the context privately, and later commands use it', async () => {
    expect((await cli('account', 'get-user-info')).code).not.toBe(0);
    const login = await cli('login', hostPort, '--plaintext', '--username', 'admin', '--password', adminPassword);
    expect(login).toEqual({
      code: 0,
      stdout: `'admin:login' logged in successfully\nContext '${hostPort}' updated\n`,
      stderr: '',
    });
    expect((await stat(configPath)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'driftless'))).mode & 0o777).toBe(0o700);
    expect(await cli('account', 'get-user-info')).toEqual({
      code: 0,
      stdout: 'Logged In: true\nUsername: admin\nIssuer: argocd\nGroups: \n',
      stderr: '',
    });
    const contexts = (await cli('context')).stdout;
    expect(contexts).toMatch(/^CURRENT\s+NAME\s+SERVER$/m);
    expect(contexts).toMatch(
      new RegExp(`^\\*\\s+${hostPort.replace(/\./g, '\\.')}\\s+http://${hostPort.replace(/\./g, '\\.')}$`, 'm'),
    );
    expect((await cli('account', 'can-i', 'sync', 'applications', 'default/guestbook')).stdout).toBe('yes\n');
    expect(JSON.parse((await cli('account', 'list', '-o', 'json')).stdout)).toEqual([
      { name: 'admin', enabled: true, capabilities: ['login'], tokens: [] },
      { name: 'alice', enabled: true, capabilities: ['apiKey', 'login'], tokens: [] },
    ]);
    expect(await cli('repo', 'list', '-o', 'json')).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it("sets another account's password, logs it in as a second context, and manages its API tokens", async () => {
    expect(
      await cli(
        'account',
        'update-password',
        '--account',
        'alice',
        '--current-password',
        adminPassword,
        '--new-password',
        'alice-pass-1',
      ),
    ).toEqual({ code: 0, stdout: 'Password updated\n', stderr: '' });
    expect(
      (await cli('login', fixture.kernel.url, '--username', 'alice', '--password', 'alice-pass-1', '--name', 'alice'))
        .code,
    ).toBe(0);
    expect((await cli('account', 'get-user-info')).stdout).toContain('Username: alice');
    expect((await cli('account', 'can-i', 'sync', 'applications', 'default/guestbook')).stdout).toBe('no\n');

    const generated = await cli('account', 'generate-token', '--expires-in', '1h', '--id', 'ci');
    expect(generated.code).toBe(0);
    const apiToken = generated.stdout.trim();
    expect(await whoAmI(fixture.kernel.url, apiToken)).toBe('alice');
    expect((await cli('account', 'delete-token', 'ci')).code).toBe(0);
    expect(await whoAmI(fixture.kernel.url, apiToken)).toBeUndefined();

    const changed = await cli(
      'account',
      'update-password',
      '--current-password',
      'alice-pass-1',
      '--new-password',
      'alice-pass-2',
    );
    expect(changed).toEqual({ code: 0, stdout: "Password updated\nContext 'alice' updated\n", stderr: '' });
    expect((await cli('account', 'get-user-info')).stdout).toContain('Username: alice');
  });

  it('switches contexts, and logout revokes the session and forgets it', async () => {
    expect(await cli('context', hostPort)).toEqual({
      code: 0,
      stdout: `Switched to context '${hostPort}'\n`,
      stderr: '',
    });
    const config = await readCliConfig(configPath);
    const token = config.users.find((user) => user.name === hostPort)?.['auth-token'] ?? '';
    expect(await whoAmI(fixture.kernel.url, token)).toBe('admin');

    expect(await cli('logout')).toEqual({ code: 0, stdout: `Logged out from '${hostPort}'\n`, stderr: '' });
    expect(await whoAmI(fixture.kernel.url, token)).toBeUndefined();
    const after = await cli('account', 'get-user-info');
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/UNAUTHENTICATED.*log in first: driftless login SERVER/);
    expect(JSON.stringify(await readCliConfig(configPath))).not.toContain(token);
  });
});
