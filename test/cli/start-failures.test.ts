// Runs the real CLI as a child process: expected start failures print one
// line (no stack trace) and exit with a meaningful code, without hanging.
import { join } from 'node:path';
import { runCli } from '../support/cli-process';
import { closedPort } from '../support/ports';

describe('driftless start failures', () => {
  it('exits 3 with one line when Redis is unreachable', async () => {
    const { code, stderr } = await runCli(['start', '--port', '0'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(3);
    expect(stderr).toBe(
      'driftless: cannot reach Redis at redis://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1 — start one (e.g. redis-server) or set REDIS_URL\n',
    );
  });

  it('never prints Redis credentials', async () => {
    const { code, stderr } = await runCli(['start'], { REDIS_URL: 'redis://admin:hunter2@127.0.0.1:1' });
    expect(code).toBe(3);
    expect(stderr).toContain('redis://***@127.0.0.1:1');
    expect(stderr).not.toContain('hunter2');
  });

  it('exits 2 naming an invalid environment variable', async () => {
    const { code, stderr } = await runCli(['server'], { DRIFTLESS_PORT: '99999' });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'driftless: invalid configuration: DRIFTLESS_PORT="99999" must be between 0 and 65535 — fix or unset DRIFTLESS_PORT\n',
    );
  });

  it('exits 3 with one line when KUBECONFIG points at a cluster that does not answer', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const port = await closedPort();
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'driftless-')), 'config');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: down, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]`,
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: down, context: {cluster: down, user: u}}]',
        'current-context: down',
      ].join('\n'),
    );
    const { code, stderr } = await runCli(['start', '--port', '0'], { KUBECONFIG: kubeconfig });
    expect(code).toBe(3);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^driftless: cannot reach Kubernetes at https:\/\/127\.0\.0\.1:\d+ \(context down\): .*ECONNREFUSED.* — start the cluster, or set KUBECONFIG to one that answers\n$/,
    );
  });

  it('exits 2 naming a kubeconfig that is not valid YAML', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'driftless-')), 'config');
    writeFileSync(kubeconfig, 'clusters: [unclosed\n');
    const { code, stderr } = await runCli(['start', '--port', '0'], { KUBECONFIG: kubeconfig });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      new RegExp(
        `^driftless: invalid configuration: cannot read kubeconfig ${kubeconfig}: .+ — fix the file or KUBECONFIG\n$`,
      ),
    );
  });

  it('exits 2 naming a KUBECONFIG path that does not exist', async () => {
    const { code, stderr } = await runCli(['start', '--port', '0'], { KUBECONFIG: '/nonexistent/kubeconfig' });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'driftless: invalid configuration: KUBECONFIG points at /nonexistent/kubeconfig, which does not exist — fix KUBECONFIG or unset it\n',
    );
  });

  it('exits 2 on an unknown flag, naming it', async () => {
    const { code, stderr } = await runCli(['start', '--bogus'], {});
    expect(code).toBe(2);
    expect(stderr).toContain("error: unknown option '--bogus'");
  });
});
