// The application controller at scale (scenarios S3, S4, S5 and S7 of the
// performance brief), through the real path: kube-sim (a child process) holds
// N apps × 20 live objects and the Applications; a repo-server (another child
// process) renders from a git monorepo into the Redis manifest cache; this
// process (the compiled kernel, no TypeScript loader) runs the controller role
// alone, so its memory and event loop are the controller's.
// - S5 cold start: a fresh controller until every app has been compared once
//   (manifests already cached; the live-state cache starts empty);
// - S4 memory: RSS after that, with garbage collected;
// - S3 one full refresh pass over all apps (no drift), per-app latency;
// - S7 churn: 5 % of live objects updated per minute for 60 s, half status-only
//   and half spec drift: event-loop lag, full compares caused, drift noticed.
// N is BENCH_CONTROLLER_APPS (default 1,000); the brief's figures use 10,000.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, round, type BenchmarkResult } from './benchmark';
import { CONTROL_NAMESPACE, ensureMonorepo } from './support/controller-world';

const apps = Number(process.env.BENCH_CONTROLLER_APPS ?? 1_000);
const objectsPerApp = 20;
const MiB = 2 ** 20;

interface ChildMessage {
  type: string;
  app?: string;
  at?: number;
}

interface Child {
  process: ChildProcess;
  /** The next message of a type. */
  next: (type: string) => Promise<unknown>;
  /** Hear every message. */
  listeners: ((message: ChildMessage) => void)[];
}

/** A TypeScript child (the simulated cluster, the repo-server), run from source. */
function child(script: string, argument: object): Child {
  return wrap(
    fork(join(__dirname, 'support', script), [JSON.stringify(argument)], {
      execArgv: ['--conditions=driftless-source', '-r', '@swc-node/register', '--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

function wrap(processHandle: ChildProcess): Child {
  const waiting = new Map<string, (message: unknown) => void>();
  const listeners: ((message: ChildMessage) => void)[] = [];
  processHandle.on('message', (message: ChildMessage) => {
    for (const listener of listeners) listener(message);
    waiting.get(message.type)?.(message);
    waiting.delete(message.type);
  });
  return {
    process: processHandle,
    next: (type) => new Promise((resolve) => waiting.set(type, resolve)),
    listeners,
  };
}

function kernelEnv(cacheDir: string): Record<string, string> {
  return {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DRIFTLESS_NAMESPACE: CONTROL_NAMESPACE,
    DRIFTLESS_ALLOW_FILE_URLS: 'true',
    DRIFTLESS_REPO_CACHE_DIR: cacheDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
  };
}

/** VmRSS and VmHWM (peak) of a process and of its children (the controller's plugin runners), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number; childrenRss: number } {
  const status = (id: number) => {
    try {
      return readFileSync(`/proc/${id}/status`, 'utf8');
    } catch {
      return '';
    }
  };
  const field = (text: string, name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  const own = status(pid);
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    children = [];
  }
  return {
    rss: field(own, 'VmRSS'),
    peak: field(own, 'VmHWM'),
    childrenRss: children.reduce((sum, child) => sum + field(status(child), 'VmRSS'), 0),
  };
}

type Refresh = [appKey: string, work: string, syncStatus: string, seconds: number, at: number];

/** The measured controller: compiled code in its own process (controller-process.cjs). */
function startController(kubeconfig: string, cacheDir: string): Child & { refreshes: Refresh[] } {
  const handle = fork(
    join(__dirname, 'support', 'controller-process.cjs'),
    [JSON.stringify({ kubeconfig, env: kernelEnv(cacheDir) })],
    {
      // As deploy/Dockerfile runs it.
      execArgv: ['--expose-gc', '--max-semi-space-size=4'],
      env: { ...process.env, MALLOC_ARENA_MAX: '2' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const child = wrap(handle) as Child & { refreshes: Refresh[] };
  child.refreshes = [];
  child.listeners.push((message) => {
    if (message.type === 'refreshed') child.refreshes.push(...(message as unknown as { events: Refresh[] }).events);
  });
  return child;
}

/** Resolves once every app has a refresh at index ≥ `from` that `counts` accepts. */
async function untilEachRefreshed(
  controller: Child & { refreshes: Refresh[] },
  from: number,
  counts: (refresh: Refresh) => boolean = () => true,
): Promise<Refresh[]> {
  const seen = new Set<string>();
  let next = from;
  for (;;) {
    for (; next < controller.refreshes.length; next += 1) {
      const refresh = controller.refreshes[next] as Refresh;
      if (counts(refresh)) seen.add(refresh[0]);
    }
    if (seen.size >= apps) return controller.refreshes.slice(from);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export default async function controllerBenchmark(): Promise<BenchmarkResult[]> {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'ignore' });
  const root = join(tmpdir(), `driftless-bench-controller-${apps}`);
  mkdirSync(root, { recursive: true });
  const repoURL = `file://${ensureMonorepo(join(root, 'repo'), apps)}`;
  const kubeconfig = join(root, 'kubeconfig');
  const results: BenchmarkResult[] = [];

  const setupStarted = performance.now();
  const sim = child('controller-sim-process.ts', { apps, repoURL, kubeconfig });
  await sim.next('ready');
  const simSeconds = (performance.now() - setupStarted) / 1000;
  const repoServer = child('kernel-process.ts', {
    kubeconfig,
    env: kernelEnv(join(root, 'repo-cache')),
    roles: ['repo-server'],
  });
  await repoServer.next('ready');
  let controller: (Child & { refreshes: Refresh[] }) | undefined;

  try {
    // Warm-up: a first controller fills the manifest cache (renders once per size; Redis keeps them 24 h).
    let started = performance.now();
    const warmUp = startController(kubeconfig, join(root, 'warm-up-cache'));
    await warmUp.next('ready');
    await untilEachRefreshed(warmUp, 0, (refresh) => refresh[1] === 'compared');
    const warmSeconds = (performance.now() - started) / 1000;
    warmUp.process.send({ type: 'stop' });
    await new Promise((resolve) => warmUp.process.once('exit', resolve));

    // S5: a fresh controller, manifests cached, live-state cache empty.
    started = performance.now();
    controller = startController(kubeconfig, join(root, 'controller-cache'));
    await controller.next('ready');
    await untilEachRefreshed(controller, 0, (refresh) => refresh[1] === 'compared');
    const coldSeconds = (performance.now() - started) / 1000;
    const peakBytes = memoryOf(controller.process.pid ?? 0).peak;

    // S4: steady-state memory, once V8's memory reducer has had the quiet seconds it waits for.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    controller.process.send({ type: 'memory' });
    const heap = (await controller.next('memory')) as { heapUsed: number; heapTotal: number; external: number };
    const steady = memoryOf(controller.process.pid ?? 0);

    // S3: one full pass, no drift.
    controller.process.send({ type: 'lag-start' });
    started = performance.now();
    const passFrom = controller.refreshes.length;
    controller.process.send({ type: 'refreshAll' });
    const pass = await untilEachRefreshed(controller, passFrom);
    const passSeconds = (performance.now() - started) / 1000;
    controller.process.send({ type: 'lag-stop' });
    const passLag = (await controller.next('lag')) as { p99Ms: number };
    const latencies = pass.map((refresh) => refresh[3] * 1000).sort((a, b) => a - b);
    const passWork = countBy(pass, (refresh) => refresh[1]);

    // S3': one app at a time on an idle controller, as a user's refresh (it writes reconciledAt).
    const single: number[] = [];
    for (let index = 0; index < 50; index += 1) {
      const appKey = `${CONTROL_NAMESPACE}/app-${Math.floor((index * apps) / 50)}`;
      const from = controller.refreshes.length;
      controller.process.send({ type: 'refreshOne', appKey });
      for (;;) {
        const done = controller.refreshes.slice(from).find((refresh) => refresh[0] === appKey);
        if (done) {
          single.push(done[3] * 1000);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    single.sort((a, b) => a - b);

    // S7: churn.
    const drifts = new Map<string, number>();
    sim.listeners.push((message) => {
      if (message.type === 'drift' && message.app && message.at) drifts.set(message.app, message.at);
    });
    const churnFrom = controller.refreshes.length;
    const churnSeconds = Number(process.env.BENCH_CHURN_SECONDS ?? 60);
    const perMinute = Math.round(apps * objectsPerApp * 0.05);
    controller.process.send({ type: 'lag-start' });
    sim.process.send({ type: 'churn', perMinute, seconds: churnSeconds, specFraction: 0.5 });
    const churned = (await sim.next('churned')) as { updates: number; drifts: number };
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the last drifts' debounce and refresh
    controller.process.send({ type: 'lag-stop' });
    const churnLag = (await controller.next('lag')) as { p99Ms: number };
    const churnRefreshes = controller.refreshes.slice(churnFrom);
    const churnWork = countBy(churnRefreshes, (refresh) => refresh[1]);
    const noticed: number[] = [];
    for (const [appKey, , syncStatus, , at] of churnRefreshes) {
      const driftAt = drifts.get(appKey);
      if (driftAt === undefined || syncStatus !== 'OutOfSync' || at < driftAt) continue;
      noticed.push(at - driftAt);
      drifts.delete(appKey);
    }
    noticed.sort((a, b) => a - b);

    results.push(
      {
        name: `setup: kube-sim with ${apps * 21} objects (in-process creates)`,
        value: round(simSeconds, 1),
        unit: 's',
      },
      { name: 'warm-up: first controller, renders included', value: round(warmSeconds, 1), unit: 's' },
      {
        name: `S5 cold start to ${apps} apps compared (manifests cached)`,
        value: round(coldSeconds, 1),
        unit: 's',
        goal: '≤ 120 s at 10k',
      },
      {
        name: 'S5 peak RSS of the controller (VmHWM)',
        value: round(peakBytes / MiB),
        unit: 'MiB',
        goal: '≤ 1.5× steady',
      },
      {
        name: `S4 steady RSS of the controller, ${apps} apps × ${objectsPerApp}`,
        value: round(steady.rss / MiB),
        unit: 'MiB',
        goal: '≤ 1 GiB at 10k',
      },
      { name: 'S4 … its health plugin runner (separate process)', value: round(steady.childrenRss / MiB), unit: 'MiB' },
      {
        name: 'S4 V8 heap used / reserved / external',
        value: [heap.heapUsed, heap.heapTotal, heap.external].map((bytes) => Math.round(bytes / MiB)).join(' / '),
        unit: 'MiB',
      },
      {
        name: 'S4 RSS per cached live object (all of the RSS)',
        value: round(steady.rss / (apps * objectsPerApp) / 1024, 2),
        unit: 'KiB',
        goal: '≤ 5 KiB',
      },
      {
        name: `S3 full refresh pass over ${apps} apps`,
        value: round(passSeconds, 2),
        unit: 's',
        goal: '≤ 30 s at 10k',
      },
      { name: 'S3 apps per second', value: round(apps / passSeconds), unit: 'apps/s', goal: '≥ 333' },
      {
        name: 'S3 per-app refresh p50, 20 in flight',
        value: round(percentile(latencies, 0.5)),
        unit: 'ms',
        goal: '≤ 5 ms',
      },
      {
        name: 'S3 per-app refresh p99, 20 in flight',
        value: round(percentile(latencies, 0.99)),
        unit: 'ms',
        goal: '≤ 50 ms',
      },
      { name: 'S3 event-loop lag p99 during the pass', value: round(passLag.p99Ms), unit: 'ms' },
      {
        name: "S3' one app refreshed on request, idle controller, p50",
        value: round(percentile(single, 0.5)),
        unit: 'ms',
      },
      { name: "S3' … p99 (50 apps, one at a time)", value: round(percentile(single, 0.99)), unit: 'ms' },
      { name: 'S3 refreshes by work', value: JSON.stringify(passWork), unit: '' },
      { name: `S7 churn: updates in ${churnSeconds} s (5 %/min)`, value: churned.updates, unit: 'updates' },
      { name: 'S7 event-loop lag p99', value: round(churnLag.p99Ms), unit: 'ms', goal: '≤ 50 ms' },
      {
        name: 'S7 spec drifts / full compares',
        value: `${churned.drifts} / ${churnWork.compared ?? 0}`,
        unit: '',
        goal: 'equal: status-only → 0 compares',
      },
      { name: 'S7 health-only refreshes (status changes)', value: churnWork.health ?? 0, unit: '' },
      { name: 'S7 drift noticed p50', value: round(percentile(noticed, 0.5)), unit: 'ms' },
      { name: 'S7 drift noticed p99', value: round(percentile(noticed, 0.99)), unit: 'ms', goal: '≤ 2,000 ms' },
      { name: 'S7 drifts not noticed', value: drifts.size, unit: '' },
    );
  } finally {
    for (const running of [controller, repoServer, sim]) running?.process.send({ type: 'stop' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const running of [controller, repoServer, sim]) running?.process.kill();
  }
  return results;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
