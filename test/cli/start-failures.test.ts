// Runs the real CLI as a child process: expected start failures print one
// line (no stack trace) and exit with a meaningful code, without hanging.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(repoRoot, 'core/src/cli/main.ts'), ...args],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json'),
          ...env,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A start that hangs instead of failing is itself the failure being tested for.
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port nothing listens on: bound once by the OS, then released. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
    const closedPort = await freePort();
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'driftless-')), 'config');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: down, cluster: {server: "https://127.0.0.1:${closedPort}", insecure-skip-tls-verify: true}}]`,
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

  it('exits 2 on an unknown flag, naming it', async () => {
    const { code, stderr } = await runCli(['start', '--bogus'], {});
    expect(code).toBe(2);
    expect(stderr).toContain("error: unknown option '--bogus'");
  });
});
