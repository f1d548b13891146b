// Runs one git process: its own process group (so a timeout kills git and the
// ssh or remote-https helpers it started), a deadline, and caps on what it may
// write. It never rejects for git's own failures: the caller reads the result.
import { spawn } from 'node:child_process';

export interface GitProcessOptions {
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  stdin?: string;
  maxStdoutBytes?: number;
}

export interface GitProcessResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
  /** stdout grew past maxStdoutBytes; the process was killed. */
  overflow: boolean;
}

const maxStderrBytes = 64 * 1024;
const defaultMaxStdout = 256 * 1024 * 1024;

export function runGitProcess(options: GitProcessOptions): Promise<GitProcessResult> {
  return new Promise((resolve) => {
    const child = spawn('git', options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let timedOut = false;
    let overflow = false;
    let settled = false;
    const maxStdout = options.maxStdoutBytes ?? defaultMaxStdout;

    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const finish = (exitCode: number | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(fallback);
      if (spawnError) stderr += `\nerror: cannot run git: ${spawnError.message}`;
      resolve({ stdout: Buffer.concat(stdout), stderr, exitCode, timedOut, overflow });
    };
    let fallback: NodeJS.Timeout | undefined;
    const abort = () => {
      killGroup();
      // A helper that left the group could hold the pipes open: do not wait for it.
      fallback = setTimeout(() => finish(null), 2_000);
      fallback.unref();
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      abort();
    }, options.timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        if (!overflow) {
          overflow = true;
          abort();
        }
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < maxStderrBytes) stderr += chunk.toString('utf8').slice(0, maxStderrBytes - stderr.length);
    });
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}
