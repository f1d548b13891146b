// host.exec.run: listed binaries only, found on the runner's own PATH (never
// the plugin's), run without a shell in a private temporary directory with a
// scrubbed environment, a timeout and an output cap.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { type ExecRequest, type ExecResult } from '../../host-api';
import { type Capabilities } from '../../manifest/manifest';
import { denied, hostError } from './denied';

export interface ExecLimits {
  timeoutMs: number;
  maxOutputBytes: number;
  /** Directories searched for granted binaries. */
  searchPath: string[];
}

export function defaultExecLimits(): ExecLimits {
  return {
    timeoutMs: 60_000,
    maxOutputBytes: 4 * 1024 * 1024,
    searchPath: (process.env.PATH ?? '').split(delimiter).filter(Boolean),
  };
}

const bareName = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const parentSegment = /(^|[/\\])\.\.([/\\]|$)/;

export async function execRun(
  request: ExecRequest,
  grant: Capabilities['exec'],
  limits: ExecLimits,
): Promise<ExecResult> {
  if (!grant) throw denied('exec is not granted to this plugin');
  const { binary } = request;
  if (typeof binary !== 'string' || !bareName.test(binary)) {
    throw denied(`exec binary must be a bare name such as "helm", not "${String(binary).slice(0, 100)}"`);
  }
  if (!grant.binaries.includes(binary)) {
    throw denied(`exec of ${binary} is not granted (granted binaries: ${grant.binaries.join(', ')})`);
  }
  const args = request.args ?? [];
  if (!Array.isArray(args) || args.some((arg) => typeof arg !== 'string')) throw denied('exec args must be strings');
  for (const arg of args) {
    if (arg.includes('\0')) throw denied('exec args must not contain NUL');
    if (parentSegment.test(arg)) throw denied(`exec argument "${arg.slice(0, 100)}" has a ../ path segment`);
  }
  const executable = await findExecutable(binary, limits.searchPath);
  const timeoutMs = Math.min(
    typeof request.timeoutMs === 'number' ? request.timeoutMs : limits.timeoutMs,
    limits.timeoutMs,
  );
  const workDir = await mkdtemp(join(tmpdir(), 'driftless-exec-'));
  try {
    return await run(executable, args, request.stdin, workDir, { ...limits, timeoutMs });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function findExecutable(binary: string, searchPath: string[]): Promise<string> {
  for (const dir of searchPath) {
    const candidate = join(dir, binary);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw hostError('PLUGIN_CALL_FAILED', `exec: ${binary} is granted but not installed on the runner`);
}

function run(
  executable: string,
  args: string[],
  stdin: string | undefined,
  workDir: string,
  limits: ExecLimits,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd: workDir,
      env: { PATH: limits.searchPath.join(delimiter), HOME: workDir, TMPDIR: workDir, LANG: 'C.UTF-8' },
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      detached: true,
    });
    const output = { stdout: [] as Buffer[], stderr: [] as Buffer[], size: 0 };
    let failure: Error | undefined;
    const killGroup = (reason: Error): void => {
      failure ??= reason;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(
      () =>
        killGroup(
          hostError('PLUGIN_TIMEOUT', `exec ${args.length ? 'of ' : ''}${executable} ran past ${limits.timeoutMs} ms`),
        ),
      limits.timeoutMs,
    );
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      output.size += chunk.length;
      if (output.size > limits.maxOutputBytes) {
        killGroup(hostError('PLUGIN_LIMIT_EXCEEDED', `exec output is larger than ${limits.maxOutputBytes} bytes`));
        return;
      }
      output[stream].push(chunk);
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(hostError('PLUGIN_CALL_FAILED', `exec ${executable}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(output.stdout).toString('utf8'),
        stderr: Buffer.concat(output.stderr).toString('utf8'),
      });
    });
  });
}
