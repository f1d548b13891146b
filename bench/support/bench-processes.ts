// The child processes of the end-to-end benchmarks (sync): a TypeScript child
// run from source (kube-sim, the repo-server), the measured controller
// (compiled, controller-process.cjs), and what /proc says about a process
// (memory, CPU time). The controller benchmark has the same pieces inline.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ChildMessage {
  type: string;
  [field: string]: unknown;
}

export interface Child {
  process: ChildProcess;
  /** The next message of a type (rejects if the process exits first). */
  next: <T = ChildMessage>(type: string) => Promise<T>;
  /** Hear every message. */
  listeners: ((message: ChildMessage) => void)[];
  /** Asks the child to stop, then kills it if it has not exited after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
}

export function wrap(handle: ChildProcess): Child {
  const waiting = new Map<string, { resolve: (message: never) => void; reject: (error: Error) => void }>();
  const listeners: ((message: ChildMessage) => void)[] = [];
  let exited = false;
  handle.on('message', (message: ChildMessage) => {
    for (const listener of listeners) listener(message);
    waiting.get(message.type)?.resolve(message as never);
    waiting.delete(message.type);
  });
  handle.once('exit', (code, signal) => {
    exited = true;
    for (const { reject } of waiting.values())
      reject(new Error(`child ${handle.pid ?? ''} exited (${code ?? signal ?? ''}) while awaited`));
    waiting.clear();
  });
  return {
    process: handle,
    next: <T>(type: string) =>
      new Promise<T>((resolve, reject) => {
        if (exited) reject(new Error(`child ${handle.pid ?? ''} has exited`));
        else waiting.set(type, { resolve, reject });
      }),
    listeners,
    stop: async (graceMs = 10_000) => {
      if (exited) return;
      const gone = new Promise((resolve) => handle.once('exit', resolve));
      handle.send({ type: 'stop' });
      const timer = setTimeout(() => handle.kill(), graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** A TypeScript child (the simulated clusters, the repo-server), run from source. */
export function sourceChild(script: string, argument: object, extraExecArgv: string[] = []): Child {
  return wrap(
    fork(join(__dirname, script), [JSON.stringify(argument)], {
      execArgv: [
        '--conditions=driftless-source',
        '-r',
        '@swc-node/register',
        '--max-old-space-size=8192',
        ...extraExecArgv,
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

export function kernelEnv(
  namespace: string,
  cacheDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DRIFTLESS_NAMESPACE: namespace,
    DRIFTLESS_ALLOW_FILE_URLS: 'true',
    DRIFTLESS_REPO_CACHE_DIR: cacheDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'production',
    ...extra,
  };
}

/** [appKey, work, syncStatus, seconds, at (epoch ms)], as controller-process.cjs reports each refresh. */
export type Refresh = [appKey: string, work: string, syncStatus: string, seconds: number, at: number];

export interface ControllerChild extends Child {
  refreshes: Refresh[];
}

/** The measured controller: the compiled kernel with the controller role alone (controller-process.cjs). */
export function startController(
  kubeconfig: string,
  env: Record<string, string>,
  extraExecArgv: readonly string[] = [],
): ControllerChild {
  const handle = fork(join(__dirname, 'controller-process.cjs'), [JSON.stringify({ kubeconfig, env })], {
    // As deploy/Dockerfile runs it.
    execArgv: ['--expose-gc', '--max-semi-space-size=4', ...extraExecArgv],
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const child = wrap(handle) as ControllerChild;
  child.refreshes = [];
  child.listeners.push((message) => {
    if (message.type === 'refreshed') child.refreshes.push(...(message.events as Refresh[]));
  });
  return child;
}

/** Resolves once `count` distinct apps have a refresh at index ≥ `from`; rejects after `timeoutMs`. */
export async function untilRefreshed(
  controller: ControllerChild,
  from: number,
  count: number,
  timeoutMs = 3_600_000,
): Promise<void> {
  const seen = new Set<string>();
  const deadline = performance.now() + timeoutMs;
  let next = from;
  for (;;) {
    for (; next < controller.refreshes.length; next += 1) seen.add((controller.refreshes[next] as Refresh)[0]);
    if (seen.size >= count) return;
    if (performance.now() > deadline) throw new Error(`only ${seen.size} of ${count} apps refreshed in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function procStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

/** VmRSS and VmHWM (peak since start) of a process, in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const text = procStatus(pid);
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** User + system CPU seconds a process has used (0 once it is gone). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest value seen. */
export function sampleRss(pid: number, everyMs = 1000): { stop(): number } {
  let peak = memoryOf(pid).rss;
  const timer = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rss)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, memoryOf(pid).rss);
    },
  };
}
