import { tmpdir } from 'node:os';
import { PluginError } from '../../errors';
import { defaultExecLimits, execRun, type ExecLimits } from './exec';

const grant = { binaries: ['echo', 'env', 'pwd', 'sleep', 'yes', 'sh'] };

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof PluginError) return `${error.code}: ${error.reason}`;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('execRun', () => {
  const limits: ExecLimits = { ...defaultExecLimits(), timeoutMs: 5_000 };

  it('runs a granted binary without a shell and returns its output', async () => {
    expect(await execRun({ binary: 'echo', args: ['hello', '$HOME', '`id`'] }, grant, limits)).toEqual({
      exitCode: 0,
      stdout: 'hello $HOME `id`\n',
      stderr: '',
    });
  });

  it('runs in a private temporary directory with a scrubbed environment', async () => {
    const cwd = (await execRun({ binary: 'pwd' }, grant, limits)).stdout.trim();
    expect(cwd.startsWith(`${tmpdir()}/driftless-exec-`)).toBe(true);
    const environment = (await execRun({ binary: 'env' }, grant, limits)).stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0])
      .sort();
    expect(environment).toEqual(['HOME', 'LANG', 'PATH', 'TMPDIR']);
  });

  it('kills a binary that runs past its timeout (PLUGIN_TIMEOUT)', async () => {
    const started = performance.now();
    expect(await failure(execRun({ binary: 'sleep', args: ['10'], timeoutMs: 200 }, grant, limits))).toMatch(
      /^PLUGIN_TIMEOUT: exec of .*sleep ran past 200 ms$/,
    );
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('kills a binary whose output passes the cap (PLUGIN_LIMIT_EXCEEDED)', async () => {
    expect(await failure(execRun({ binary: 'yes' }, grant, { ...limits, maxOutputBytes: 10_000 }))).toBe(
      'PLUGIN_LIMIT_EXCEEDED: exec output is larger than 10000 bytes',
    );
  });

  it('passes stdin and reports the exit code', async () => {
    expect(
      await execRun({ binary: 'sh', args: ['-c', 'read line; echo "got $line"; exit 3'], stdin: 'x\n' }, grant, limits),
    ).toEqual({
      exitCode: 3,
      stdout: 'got x\n',
      stderr: '',
    });
  });

  it.each([
    [{ binary: '/bin/sh' }, 'bare name'],
    [{ binary: 'bash' }, 'exec of bash is not granted'],
    [{ binary: 'echo', args: ['a/../../etc'] }, '../ path segment'],
    [{ binary: 'echo', args: [42 as unknown as string] }, 'args must be strings'],
  ])('refuses %j', async (request, reason) => {
    expect(await failure(execRun(request, grant, limits))).toContain(reason);
  });
});
