// The application controller at scale (scenarios S3, S4, S5 and S7 of the
// performance brief), through the real path: kube-sim (a child process) holds
// N apps × 20 live objects and the Applications; a repo-server (another child
// process) renders from a git monorepo into the Redis manifest cache; this
// process runs the controller role alone, so its memory and event loop are
// the controller's.
// - S5 cold start: a fresh controller until every app has been compared once
//   (manifests already cached; the live-state cache starts empty);
// - S4 memory: RSS after that, with garbage collected;
// - S3 one full refresh pass over all apps (no drift), per-app latency;
// - S7 churn: 5 % of live objects updated per minute for 60 s, half status-only
//   and half spec drift: event-loop lag, full compares caused, drift noticed.
// N is BENCH_CONTROLLER_APPS (default 1,000); the brief's figures use 10,000.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KubeConfig } from '@kubernetes/client-node';
import { loadConfig } from '../core/src/config/config.schema';
import { AppController, type RefreshedEvent } from '../core/src/controller/app-controller.service';
import { startKernel, type RunningKernel } from '../core/src/kernel/start-kernel';
import { describeConnection } from '../core/src/kube/cluster-connection';
import { peakRss, percentile, round, type BenchmarkResult } from './benchmark';
import { CONTROL_NAMESPACE, ensureMonorepo } from './support/controller-world';

const apps = Number(process.env.BENCH_CONTROLLER_APPS ?? 1_000);
const objectsPerApp = 20;
const MiB = 2 ** 20;

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

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

function child(script: string, argument: object): Child {
  const processHandle = fork(join(__dirname, 'support', script), [JSON.stringify(argument)], {
    execArgv: ['--conditions=driftless-source', '-r', '@swc-node/register', '--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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

async function startController(kubeconfig: string, cacheDir: string): Promise<RunningKernel> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfig);
  return startKernel({
    config: loadConfig(kernelEnv(cacheDir)),
    cluster: describeConnection(kubeConfig, 'kubeconfig'),
    roles: ['controller'],
    address: '127.0.0.1',
    port: 0,
  });
}

/** Resolves when every app has finished one refresh (of a kind `counts` accepts) after now. */
function untilEachRefreshed(
  controller: AppController,
  counts: (event: RefreshedEvent) => boolean = () => true,
): { done: Promise<number[]>; events: RefreshedEvent[] } {
  const seen = new Set<string>();
  const events: RefreshedEvent[] = [];
  let stop: () => void = () => undefined;
  const done = new Promise<number[]>((resolve) => {
    stop = controller.onRefreshed((event) => {
      events.push(event);
      if (!counts(event)) return;
      seen.add(event.appKey);
      if (seen.size >= apps) {
        stop();
        resolve(events.map((item) => item.seconds * 1000).sort((a, b) => a - b));
      }
    });
  });
  return { done, events };
}

export default async function controllerBenchmark(): Promise<BenchmarkResult[]> {
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

  try {
    // Warm-up in another process: a first controller fills the manifest cache (renders once per size;
    // Redis keeps them 24 h), so this process measures a controller that starts from nothing.
    let started = performance.now();
    const warmUp = child('kernel-process.ts', {
      kubeconfig,
      env: kernelEnv(join(root, 'warm-up-cache')),
      roles: ['controller'],
      expectApps: apps,
    });
    await warmUp.next('compared');
    const warmSeconds = (performance.now() - started) / 1000;
    warmUp.process.send({ type: 'stop' });
    await new Promise((resolve) => warmUp.process.once('exit', resolve));

    // S5: a fresh controller, manifests cached, live-state cache empty.
    collectGarbage();
    const baseline = process.memoryUsage().rss;
    const peak = peakRss(50);
    started = performance.now();
    const kernel = await startController(kubeconfig, join(root, 'controller-cache'));
    const controller = kernel.app.get(AppController);
    const cold = untilEachRefreshed(controller, (event) => event.work === 'compared');
    await cold.done;
    const coldSeconds = (performance.now() - started) / 1000;
    const peakBytes = peak.stop();

    // S4: steady-state memory.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    collectGarbage();
    const steady = process.memoryUsage().rss;

    // S3: one full pass, no drift.
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    started = performance.now();
    const pass = untilEachRefreshed(controller);
    await controller.refreshAll('full');
    const latencies = await pass.done;
    const passSeconds = (performance.now() - started) / 1000;
    lag.disable();
    const passWork = countBy(pass.events, (event) => event.work);

    // S7: churn.
    const churnLag = monitorEventLoopDelay({ resolution: 10 });
    const churnEvents: RefreshedEvent[] = [];
    const drifts = new Map<string, number>();
    const noticed: number[] = [];
    const stopListening = controller.onRefreshed((event) => {
      churnEvents.push(event);
      const at = drifts.get(event.appKey);
      if (at !== undefined && event.syncStatus === 'OutOfSync') {
        noticed.push(Date.now() - at);
        drifts.delete(event.appKey);
      }
    });
    sim.listeners.push((message) => {
      if (message.type === 'drift' && message.app && message.at) drifts.set(message.app, message.at);
    });
    const churnSeconds = Number(process.env.BENCH_CHURN_SECONDS ?? 60);
    const perMinute = Math.round(apps * objectsPerApp * 0.05);
    churnLag.enable();
    sim.process.send({ type: 'churn', perMinute, seconds: churnSeconds, specFraction: 0.5 });
    const churned = (await sim.next('churned')) as { updates: number; drifts: number };
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the last drifts' debounce and refresh
    churnLag.disable();
    stopListening();
    const churnWork = countBy(churnEvents, (event) => event.work);
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
      { name: 'S5 peak RSS during cold start', value: round(peakBytes / MiB), unit: 'MiB', goal: '≤ 1.5× steady' },
      { name: 'S5 RSS of this process before the controller started', value: round(baseline / MiB), unit: 'MiB' },
      {
        name: `S4 steady RSS, ${apps} apps × ${objectsPerApp}`,
        value: round(steady / MiB),
        unit: 'MiB',
        goal: '≤ 1 GiB at 10k',
      },
      {
        name: 'S4 RSS per cached live object',
        value: round((steady - baseline) / (apps * objectsPerApp) / 1024, 2),
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
      { name: 'S3 per-app refresh p50', value: round(percentile(latencies, 0.5)), unit: 'ms', goal: '≤ 5 ms' },
      { name: 'S3 per-app refresh p99', value: round(percentile(latencies, 0.99)), unit: 'ms', goal: '≤ 50 ms' },
      { name: 'S3 event-loop lag p99 during the pass', value: round(lag.percentile(99) / 1e6), unit: 'ms' },
      { name: 'S3 refreshes by work', value: JSON.stringify(passWork), unit: '' },
      { name: `S7 churn: updates in ${churnSeconds} s (5 %/min)`, value: churned.updates, unit: 'updates' },
      { name: 'S7 event-loop lag p99', value: round(churnLag.percentile(99) / 1e6), unit: 'ms', goal: '≤ 50 ms' },
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
    await kernel.stop();
  } finally {
    repoServer.process.send({ type: 'stop' });
    sim.process.send({ type: 'stop' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    repoServer.process.kill();
    sim.process.kill();
  }
  return results;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
