import { connectionFor } from './git-repo-access';
import { gitEnvironment, shellQuote, sshCommand, type GitEnvironmentInput } from './git-environment';
import { parseGitUrl } from './git-url';

function input(url: string, extra: Partial<GitEnvironmentInput> = {}): GitEnvironmentInput {
  return {
    url: parseGitUrl(url),
    homeDir: '/cache/home',
    allowFileUrls: false,
    files: {},
    path: '/usr/bin:/bin',
    ...extra,
  };
}

function configOf(env: Record<string, string>): Record<string, string> {
  const config: Record<string, string> = {};
  for (let index = 0; index < Number(env.GIT_CONFIG_COUNT); index += 1) {
    config[env[`GIT_CONFIG_KEY_${index}`]!] = env[`GIT_CONFIG_VALUE_${index}`]!;
  }
  return config;
}

describe('gitEnvironment', () => {
  it('starts from nothing inherited and locks git down', () => {
    const env = gitEnvironment(input('https://h.test/x.git'));
    expect(env).toMatchObject({
      HOME: '/cache/home',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    });
    expect(
      Object.keys(env).filter(
        (name) => name.startsWith('GIT_') && !/^GIT_(CONFIG_|TERMINAL_PROMPT|ASKPASS|SSH_)/.test(name),
      ),
    ).toEqual([]);
    expect(configOf(env)).toMatchObject({
      'core.hooksPath': '/dev/null',
      'protocol.allow': 'never',
      'protocol.file.allow': 'never',
      'protocol.ext.allow': 'never',
    });
    expect(configOf(gitEnvironment(input('file:///x', { allowFileUrls: true })))['protocol.file.allow']).toBe('always');
  });

  it('carries the Authorization header, CA, client certificate, proxy and insecure as configuration', () => {
    const env = gitEnvironment(
      input('https://h.test/x.git', {
        authorization: 'Basic Ym90OnB3',
        insecure: true,
        proxy: 'http://proxy.test:3128',
        noProxy: '.internal',
        files: { caBundle: '/t/ca', clientCert: '/t/cert', clientKey: '/t/key' },
      }),
    );
    expect(configOf(env)).toMatchObject({
      'http.extraHeader': 'Authorization: Basic Ym90OnB3',
      'http.sslVerify': 'false',
      'http.sslCAInfo': '/t/ca',
      'http.sslCert': '/t/cert',
      'http.sslKey': '/t/key',
      'http.proxy': 'http://proxy.test:3128',
    });
    expect(env.NO_PROXY).toBe('.internal');
  });

  it('pins http(s) to the address the egress policy checked, with the default or given port', () => {
    const pinned = (url: string, resolvedAddress: string) =>
      configOf(gitEnvironment(input(url, { resolvedAddress })))['http.curloptResolve'];
    expect(pinned('https://git.test/x.git', '10.0.0.7')).toBe('git.test:443:10.0.0.7');
    expect(pinned('http://git.test:8080/x.git', 'fd00::7')).toBe('git.test:8080:[fd00::7]');
    expect(configOf(gitEnvironment(input('https://git.test/x.git')))['http.curloptResolve']).toBeUndefined();
  });

  it('builds an ssh command that never prompts and checks host keys', () => {
    const strict = sshCommand(input('git@h.test:x.git', { files: { sshKey: "/t/it's key", knownHosts: '/t/known' } }));
    expect(strict).toContain('-o BatchMode=yes');
    expect(strict).toContain('-o StrictHostKeyChecking=yes');
    expect(strict).toContain("-o UserKnownHostsFile='/t/known'");
    expect(strict).toContain(`-i ${shellQuote("/t/it's key")}`);
    const insecure = sshCommand(input('git@h.test:x.git', { insecure: true }));
    expect(insecure).toContain('StrictHostKeyChecking=no');
    expect(insecure).toContain('-o IdentityFile=none');
  });
});

describe('connectionFor', () => {
  const base = { url: '', type: 'git' as const, source: 'ns/s' };

  it('keeps secrets out of the URL and the cache key, and lists them for scrubbing', () => {
    const connection = connectionFor({ url: 'https://bot:pw-in-url@h.test/x.git' }, false);
    expect(connection.url.transportUrl).toBe('https://h.test/x.git');
    expect(connection.authorization).toBe(`Basic ${Buffer.from('bot:pw-in-url').toString('base64')}`);
    expect(connection.secrets).toContain('pw-in-url');
    expect(connection.credentialKey).toMatch(/^[0-9a-f]{64}$/);
    expect(connection.credentialKey).not.toContain('pw-in-url');
  });

  it('prefers a bearer token, then a GitHub App, then username/password', () => {
    expect(
      connectionFor({ url: 'https://h/x', credentials: { ...base, bearerToken: 't', password: 'p' } }, false)
        .authorization,
    ).toBe('Bearer t');
    const app = connectionFor(
      {
        url: 'https://h/x',
        credentials: {
          ...base,
          githubAppID: '1',
          githubAppInstallationID: '2',
          githubAppPrivateKey: 'k',
          password: 'p',
        },
      },
      false,
    );
    expect(app.githubApp).toMatchObject({ appId: '1', installationId: '2' });
    expect(app.authorization).toBeUndefined();
  });

  it('puts keys and certificates into files, and only for the transport that uses them', () => {
    const ssh = connectionFor(
      {
        url: 'git@h:x',
        credentials: { ...base, sshPrivateKey: 'KEY', password: 'p' },
        knownHosts: 'h ssh-ed25519 AAA',
      },
      false,
    );
    expect(ssh.files).toEqual({ sshKey: 'KEY', knownHosts: 'h ssh-ed25519 AAA' });
    expect(ssh.authorization).toBeUndefined();
    const https = connectionFor(
      {
        url: 'https://h:8443/x',
        credentials: { ...base, tlsClientCertData: 'C', tlsClientCertKey: 'K' },
        tlsCerts: { h: 'CA' },
      },
      false,
    );
    expect(https.files).toEqual({ caBundle: 'CA', clientCert: 'C', clientKey: 'K' });
  });

  it('refuses local repositories unless allowed', () => {
    expect(() => connectionFor({ url: '/srv/x.git' }, false)).toThrow(/not allowed/);
    expect(connectionFor({ url: '/srv/x.git' }, true).url.transport).toBe('file');
  });
});
