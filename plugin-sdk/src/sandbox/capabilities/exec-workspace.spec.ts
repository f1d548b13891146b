import { mkdir, mkdtemp, readFile, rm, symlink, writeFile, chmod, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginError } from '../../errors';
import { defaultExecLimits, execRun, type ExecLimits, type ExecWorkspace } from './exec';
import { WorkspaceCopy } from './workspace-copy';

const grant = { binaries: ['sh', 'cat', 'env', 'ls'] };

async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (error instanceof PluginError) return `${error.code}: ${error.reason}`;
    throw error;
  }
}

describe('exec in a private copy of the workspace', () => {
  const limits: ExecLimits = { ...defaultExecLimits(), timeoutMs: 5_000 };
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'driftless-execws-'));
    root = join(base, 'repo');
    await mkdir(join(root, 'apps', 'web'), { recursive: true });
    await mkdir(join(root, 'common'), { recursive: true });
    await writeFile(join(root, 'apps', 'web', 'values.yaml'), 'replicas: 2\n');
    await writeFile(join(root, 'common', 'base.yaml'), 'kind: Base\n');
    await writeFile(join(root, 'apps', 'web', 'run.sh'), 'echo hi\n');
    await chmod(join(root, 'apps', 'web', 'run.sh'), 0o4755);
    await symlink('../../common/base.yaml', join(root, 'apps', 'web', 'base.yaml'));
  });

  afterAll(() => rm(base, { recursive: true, force: true }));

  function workspaceOf(source: string): ExecWorkspace & { root?: string } {
    const holder: ExecWorkspace & { root?: string } = {
      copy: async () => {
        if (!holder.root) {
          holder.root = join(await mkdtemp(join(base, 'copy-')), 'workspace');
          await new WorkspaceCopy(source, holder.root).add();
        }
        return holder.root;
      },
    };
    return holder;
  }

  it('runs in the app directory of a copy, with links inside kept and modes reset', async () => {
    const workspace = workspaceOf(root);
    const result = await execRun(
      { binary: 'sh', args: ['-c', 'pwd; cat values.yaml base.yaml; ls -l run.sh | cut -c1-10'], cwd: 'apps/web' },
      grant,
      limits,
      workspace,
    );
    expect(result.exitCode).toBe(0);
    const [cwd, ...rest] = result.stdout.trim().split('\n');
    expect(cwd).toBe(join(workspace.root as string, 'apps', 'web'));
    expect(rest).toEqual(['replicas: 2', 'kind: Base', '-rw-r--r--']);
    // The original is untouched by what runs in the copy.
    await execRun(
      { binary: 'sh', args: ['-c', 'echo changed > values.yaml'], cwd: 'apps/web' },
      grant,
      limits,
      workspace,
    );
    expect(await readFile(join(root, 'apps', 'web', 'values.yaml'), 'utf8')).toBe('replicas: 2\n');
    expect((await stat(join(root, 'apps', 'web', 'run.sh'))).mode & 0o7777).toBe(0o4755);
  });

  it('writes the given files first, refusing to replace repository files', async () => {
    const workspace = workspaceOf(root);
    const result = await execRun(
      { binary: 'cat', args: ['.driftless/values-0.yaml'], cwd: '.', files: { '.driftless/values-0.yaml': 'a: 1\n' } },
      grant,
      limits,
      workspace,
    );
    expect(result.stdout).toBe('a: 1\n');
    expect(
      await outcome(
        execRun(
          { binary: 'cat', args: ['x'], cwd: '.', files: { 'apps/web/values.yaml': 'x' } },
          grant,
          limits,
          workspace,
        ),
      ),
    ).toBe('PLUGIN_CAPABILITY_DENIED: exec file "apps/web/values.yaml" already exists in the workspace');
    expect(
      await outcome(execRun({ binary: 'cat', args: ['x'], files: { '../escape': 'x' } }, grant, limits, workspace)),
    ).toMatch(/leaves the workspace/);
  });

  it('passes only the build environment', async () => {
    const result = await execRun(
      { binary: 'env', env: { ARGOCD_APP_NAME: 'web', ARGOCD_ENV_FOO: 'bar', PARAM_X: '1', KUBE_VERSION: '1.31' } },
      grant,
      limits,
    );
    expect(result.stdout).toContain('ARGOCD_APP_NAME=web\n');
    expect(result.stdout).toContain('ARGOCD_ENV_FOO=bar\n');
    for (const name of ['PATH', 'NODE_OPTIONS', 'LD_PRELOAD', 'HOME']) {
      expect(await outcome(execRun({ binary: 'env', env: { [name]: '/tmp' } }, grant, limits))).toMatch(
        new RegExp(`^PLUGIN_CAPABILITY_DENIED: exec env ${name} is not allowed`),
      );
    }
  });

  it('refuses absolute arguments, a cwd outside and a cwd without a workspace', async () => {
    expect(await outcome(execRun({ binary: 'cat', args: ['/etc/passwd'] }, grant, limits))).toBe(
      'PLUGIN_CAPABILITY_DENIED: exec argument "/etc/passwd" is an absolute path; use relative paths',
    );
    expect(await outcome(execRun({ binary: 'ls', cwd: '../..' }, grant, limits, workspaceOf(root)))).toMatch(
      /exec cwd "\.\.\/\.\." leaves the workspace/,
    );
    expect(await outcome(execRun({ binary: 'ls', cwd: '.' }, grant, limits))).toMatch(/needs the workspace grant/);
  });

  it('fails the copy on an out-of-bounds symlink (BI-SYM-1), naming it', async () => {
    const evil = join(base, 'evil');
    await mkdir(join(evil, 'app'), { recursive: true });
    await symlink('/etc/passwd', join(evil, 'app', 'values.yaml'));
    expect(await outcome(execRun({ binary: 'ls', cwd: 'app' }, grant, limits, workspaceOf(evil)))).toBe(
      'PLUGIN_CAPABILITY_DENIED: workspace path "app/values.yaml" is an out-of-bounds symlink',
    );
  });
});
