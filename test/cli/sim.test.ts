// `driftless sim`: the embedded clusters alone, reachable with the real kubectl.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { spawnCli } from '../support/cli-process';

const execFileAsync = promisify(execFile);

function kubectl(args: string[], stdin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kubectl', args, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(stdin);
  });
}

describe('driftless sim', () => {
  it('serves two clusters, writes a kubeconfig with a context each, and stops on SIGTERM', async () => {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'driftless-sim-')), 'kubeconfig');
    const cli = spawnCli(['sim', '--kubeconfig-out', kubeconfig, '--clusters', '2'], {});
    try {
      await cli.waitForStderr(/serving until interrupted/);
      const config = load(readFileSync(kubeconfig, 'utf8')) as { contexts: { name: string }[] };
      expect(config.contexts).toHaveLength(2);
      for (const { name } of config.contexts) {
        const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `only-in-${name}` } });
        await kubectl(['--kubeconfig', kubeconfig, '--context', name, 'apply', '-f', '-'], manifest);
      }
      const [first, second] = config.contexts.map((context) => context.name) as [string, string];
      const { stdout } = await execFileAsync('kubectl', [
        '--kubeconfig',
        kubeconfig,
        '--context',
        second,
        'get',
        'namespaces',
        '-o',
        'name',
      ]);
      expect(stdout).toContain(`namespace/only-in-${second}`);
      expect(stdout).not.toContain(`namespace/only-in-${first}`);
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toBe(0);
  });

  it('rejects a bad cluster count', async () => {
    const cli = spawnCli(['sim', '--kubeconfig-out', '/tmp/x', '--clusters', 'many'], {});
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain(
      "option '--clusters <count>' argument 'many' is invalid. must be a whole number from 1 to 100",
    );
  });
});
