// How a runner process is started, the same for the kernel's own runners and
// for those the runner host starts in its sidecar: the runner entry, Node's
// flags and a scrubbed environment.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { socketTransportVariable } from './runner-protocol';

export interface RunnerProcessOptions {
  /** Heap limit of the runner's own (non-isolate) heap. */
  maxOldSpaceMb?: number;
  /** Directories put first on the runner's PATH: where exec finds granted binaries (e.g. a bundled helm). */
  toolDirs?: string[];
}

/** Forks runner-main; `transport: 'socket'` when the parent will hand it a connection. */
export function forkRunner(options: RunnerProcessOptions, transport: 'ipc' | 'socket' = 'ipc'): ChildProcess {
  const entry = runnerEntry();
  return fork(entry.path, [], {
    execArgv: ['--no-node-snapshot', `--max-old-space-size=${options.maxOldSpaceMb ?? 256}`],
    serialization: 'advanced',
    // Nothing of the parent's environment (tokens, kubeconfig, cloud credentials) reaches plugins.
    env: {
      PATH: [...(options.toolDirs ?? []), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter),
      NODE_ENV: process.env.NODE_ENV ?? 'production',
      TMPDIR: process.env.TMPDIR ?? '/tmp',
      ...(transport === 'socket' ? { [socketTransportVariable]: 'socket' } : {}),
      ...entry.env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/**
 * The runner entry: compiled JavaScript next to this file; when running from
 * TypeScript sources (tests, benchmarks), the entry bundled once per process
 * with esbuild into the temp directory, so a runner starts as fast as it
 * would in production and needs no TypeScript loader.
 */
function runnerEntry(): { path: string; env: Record<string, string> } {
  if (!__filename.endsWith('.ts')) return { path: join(__dirname, 'runner-main.js'), env: {} };
  bundledEntry ??= bundleRunnerEntry();
  // isolated-vm stays external (a native addon): the bundle finds it through NODE_PATH.
  return { path: bundledEntry, env: { NODE_PATH: dirname(dirname(require.resolve('isolated-vm/package.json'))) } };
}

let bundledEntry: string | undefined;

function bundleRunnerEntry(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild is only needed when running from sources
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  const result = buildSync({
    entryPoints: [join(__dirname, 'runner-main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    external: ['isolated-vm'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const path = join(tmpdir(), `driftless-runner-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`);
  if (!existsSync(path)) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, path);
  }
  return path;
}
