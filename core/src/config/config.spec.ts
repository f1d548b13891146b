import { ConfigError, loadConfig } from './config.schema';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.namespace).toBe('argocd');
    expect(config.logLevel).toBe('info');
    expect(config.port).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      REDIS_URL: 'rediss://cache:6380/2',
      DRIFTLESS_NAMESPACE: 'gitops',
      DRIFTLESS_PORT: '9090',
      LOG_LEVEL: 'debug',
      KUBECONFIG: '/tmp/kc',
    });
    expect(config).toMatchObject({
      redisUrl: 'rediss://cache:6380/2',
      namespace: 'gitops',
      port: 9090,
      logLevel: 'debug',
      kubeconfigPath: '/tmp/kc',
    });
  });

  it('names each invalid variable with its value and the fix', () => {
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'localhost:6379', DRIFTLESS_PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe(
      'REDIS_URL="localhost:6379" must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 — fix or unset REDIS_URL',
    );
    expect(problems[1]).toContain('DRIFTLESS_PORT="eighty" must be a number');
    expect(problems[2]).toContain('LOG_LEVEL="loud" must be one of trace, debug');
  });

  it('rejects a namespace that Kubernetes would reject', () => {
    expect(() => loadConfig({ DRIFTLESS_NAMESPACE: 'Argo_CD' })).toThrow(
      /DRIFTLESS_NAMESPACE="Argo_CD" must be a Kubernetes namespace name/,
    );
  });

  it('reads the repository egress networks, denying link-local (cloud metadata) space by default', () => {
    expect(loadConfig({}).repo.egress).toEqual({
      deny: ['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::254/128', '100.100.100.200/32'],
      allow: [],
    });
    expect(
      loadConfig({ DRIFTLESS_REPO_EGRESS_DENY: '', DRIFTLESS_REPO_EGRESS_ALLOW: '10.0.0.0/8, fd00::/8' }).repo.egress,
    ).toEqual({ deny: [], allow: ['10.0.0.0/8', 'fd00::/8'] });
    expect(() => loadConfig({ DRIFTLESS_REPO_EGRESS_ALLOW: '10.0.0.0/8,git.example.com' })).toThrow(
      'DRIFTLESS_REPO_EGRESS_ALLOW="10.0.0.0/8,git.example.com" allow list entry "git.example.com" is not an IP address',
    );
  });
});
