// host.exec.run: listed binaries only, found on the runner's own PATH (never
// the plugin's), run without a shell in a private temporary directory (or in
// the call's private copy of the workspace) with a scrubbed environment, a
// timeout and an output cap.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { type ExecRequest, type ExecResult } from '../../host-api';
import { type Capabilities } from '../../manifest/manifest';
import { denied, hostError } from './denied';
import { inside } from './workspace';
import { parentSegment } from './workspace-copy';

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

/** The call's private copy of its workspace, made on first use. */
export interface ExecWorkspace {
  /** Root of the copy, holding at least `paths` (workspace-relative), or everything without them. */
  copy(paths?: readonly string[]): Promise<string>;
}

const bareName = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const passedEnvironment =
  /^(ARGOCD_APP_[A-Z0-9_]+|ARGOCD_ENV_[A-Za-z0-9_]+|PARAM_[A-Za-z0-9_]+|KUBE_VERSION|KUBE_API_VERSIONS)$/;
const maxFilesBytes = 32 * 1024 * 1024;

export async function execRun(
  request: ExecRequest,
  grant: Capabilities['exec'],
  limits: ExecLimits,
  workspace?: ExecWorkspace,
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
    if (isAbsolute(arg)) throw denied(`exec argument "${arg.slice(0, 100)}" is an absolute path; use relative paths`);
  }
  const environment = checkedEnvironment(request.env);
  const executable = await findExecutable(binary, limits.searchPath);
  const timeoutMs = Math.min(
    typeof request.timeoutMs === 'number' ? request.timeoutMs : limits.timeoutMs,
    limits.timeoutMs,
  );
  const privateDir = await mkdtemp(join(tmpdir(), 'driftless-exec-'));
  try {
    let runRoot = privateDir;
    let cwd = privateDir;
    if (request.cwd !== undefined) {
      if (!workspace) throw denied('exec cwd needs the workspace grant and a workspace for this call');
      const paths = request.workspacePaths;
      if (paths !== undefined && !Array.isArray(paths)) throw denied('exec workspacePaths must be a list of paths');
      runRoot = await workspace.copy(paths);
      cwd = pathInside(runRoot, request.cwd, 'cwd');
    }
    await writeFiles(runRoot, request.files);
    return await run(executable, args, request.stdin, { cwd, home: privateDir, environment }, { ...limits, timeoutMs });
  } finally {
    await rm(privateDir, { recursive: true, force: true });
  }
}

function checkedEnvironment(env: unknown): Record<string, string> {
  if (env === undefined || env === null) return {};
  if (typeof env !== 'object' || Array.isArray(env)) throw denied('exec env must be an object of strings');
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(env as Record<string, unknown>)) {
    if (!passedEnvironment.test(name))
      throw denied(
        `exec env ${name.slice(0, 100)} is not allowed (only ARGOCD_APP_*, ARGOCD_ENV_*, PARAM_*, KUBE_VERSION, KUBE_API_VERSIONS)`,
      );
    if (typeof value !== 'string' || value.includes('\0')) throw denied(`exec env ${name} must be a string`);
    checked[name] = value;
  }
  return checked;
}

function pathInside(root: string, path: unknown, what: string): string {
  if (typeof path !== 'string' || path.includes('\0')) throw denied(`exec ${what} must be a string`);
  const target = resolvePath(root, path);
  if (isAbsolute(path) || !inside(root, target))
    throw denied(`exec ${what} "${path.slice(0, 100)}" leaves the workspace; use a path relative to its root`);
  return target;
}

async function writeFiles(root: string, files: unknown): Promise<void> {
  if (files === undefined || files === null) return;
  if (typeof files !== 'object' || Array.isArray(files)) throw denied('exec files must be an object of path: content');
  let total = 0;
  for (const [path, content] of Object.entries(files as Record<string, unknown>)) {
    if (typeof content !== 'string') throw denied(`exec file "${path.slice(0, 100)}" must have string content`);
    total += content.length;
    if (total > maxFilesBytes)
      throw hostError('PLUGIN_LIMIT_EXCEEDED', `exec files are larger than ${maxFilesBytes} bytes`);
    const target = pathInside(root, path, 'file');
    await mkdir(dirname(target), { recursive: true });
    try {
      await writeFile(target, content, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw denied(`exec file "${path.slice(0, 100)}" already exists in the workspace`);
      throw error;
    }
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

interface RunPlace {
  cwd: string;
  home: string;
  environment: Record<string, string>;
}

function run(
  executable: string,
  args: string[],
  stdin: string | undefined,
  place: RunPlace,
  limits: ExecLimits,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd: place.cwd,
      env: {
        ...place.environment,
        PATH: limits.searchPath.join(delimiter),
        HOME: place.home,
        TMPDIR: place.home,
        LANG: 'C.UTF-8',
      },
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
