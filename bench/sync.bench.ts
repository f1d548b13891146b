// The sync engine at scale (scenarios S1 and S6 of the performance brief),
// through the real path: kube-sim (a child process) holds the Applications on
// a control-plane cluster plus the destination clusters; a repo-server
// (another child) renders from a git monorepo into the Redis manifest cache;
// the compiled controller runs alone in a third process, at default settings.
// - S1 bulk sync, W1 (one 2 KB ConfigMap per app), 1 destination cluster,
//   `syncPolicy.automated: {}`: after a warm-up sync, ONE commit changes every
//   app; the refresh is triggered as Argo CD's webhook handler does it (the
//   controller has no webhook endpoint yet): the `argocd.argoproj.io/refresh:
//   normal` annotation on every app. Measured until the last app is Synced at
//   the new commit with its operation Succeeded.
// - S6 hook-heavy sync, W-hook (W1 plus a PreSync Job that runs 10 s), over
//   100 destination clusters, manual sync of every app at once (`operation`
//   set on each, as `argocd app sync` does): until every operation ended.
// - S6' the same at DRIFTLESS_OPERATION_PROCESSORS=1 on a few apps: a slow
//   hook must not hold a worker, so one worker still finishes them.
// Latency is injected as the brief's common harness says (control plane p50
// 14 ms / p90 25 ms, destinations p50 5 ms); BENCH_SYNC_LATENCY=off removes it.
// N is BENCH_SYNC_APPS (default 1,000; the brief's figures use 10,000);
// BENCH_SYNC_CLUSTERS (100), BENCH_SYNC_SMALL_APPS (100), BENCH_SYNC_SCENARIOS
// (S1,S6), BENCH_SYNC_CPU_PROF (a directory: the controller writes a CPU profile
// of each scenario there).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, round, type BenchmarkResult } from './benchmark';
import {
  cpuSecondsOf,
  kernelEnv,
  memoryOf,
  sampleRss,
  sourceChild,
  startController,
  untilRefreshed,
  type Child,
  type ControllerChild,
  type Refresh,
} from './support/bench-processes';
import { commitBulkChange, SYNC_NAMESPACE, writeMonorepo, type SyncWorld } from './support/sync-world';

const apps = Number(process.env.BENCH_SYNC_APPS ?? 1_000);
const hookClusters = Number(process.env.BENCH_SYNC_CLUSTERS ?? 100);
const smallApps = Math.min(apps, Number(process.env.BENCH_SYNC_SMALL_APPS ?? 100));
const scenarios = (process.env.BENCH_SYNC_SCENARIOS ?? 'S1,S6').split(',').map((name) => name.trim());
const cpuProfileDir = process.env.BENCH_SYNC_CPU_PROF;
const latency =
  process.env.BENCH_SYNC_LATENCY === 'off'
    ? undefined
    : { controlPlane: [14, 25] as [number, number], destination: [5, 8] as [number, number] };
const latencyNote = latency ? 'API latency p50 14 ms central / 5 ms destinations' : 'no API latency';
const MiB = 2 ** 20;

interface AppTimes {
  set?: number;
  running?: number;
  ended?: number;
  done?: number;
}

interface Measured {
  /** Apps that had not reached the end when the sim gave up (BENCH_SYNC_TIMEOUT_MINUTES). */
  notDone: number;
  stuck: string[];
  wallMs: number;
  triggerMs: number;
  simCpuSeconds: number;
  times: AppTimes[];
  failures: string[];
  failed: number;
  requests: { controlPlane: Record<string, number>; destinations: Record<string, number> };
}

interface Lag {
  p99Ms: number;
  maxMs: number;
  gcCount: number;
  gcMs: number;
}

/** One running world: kube-sim, a repo-server and a controller. */
interface Running {
  root: string;
  repoDir: string;
  kubeconfig: string;
  sim: Child;
  repoServer: Child;
  controller: ControllerChild | undefined;
}

async function startWorld(name: string, world: SyncWorld): Promise<Running & { revision: string }> {
  const root = join(tmpdir(), `driftless-bench-sync-${name}-${world.apps}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const repoDir = join(root, 'repo');
  const revision = writeMonorepo(repoDir, world);
  const kubeconfig = join(root, 'kubeconfig');
  const sim = sourceChild('sync-sim-process.ts', { world, repoURL: `file://${repoDir}`, kubeconfig, latency });
  let repoServer: Child | undefined;
  try {
    await sim.next('ready');
    repoServer = sourceChild('kernel-process.ts', {
      kubeconfig,
      env: kernelEnv(SYNC_NAMESPACE, join(root, 'repo-cache')),
      roles: ['repo-server'],
    });
    await repoServer.next('ready');
  } catch (error) {
    await Promise.all([sim.stop(), repoServer?.stop()]);
    throw error;
  }
  return { root, repoDir, kubeconfig, sim, repoServer, controller: undefined, revision };
}

async function startMeasuredController(
  running: Running,
  label: string,
  env: Record<string, string> = {},
): Promise<ControllerChild> {
  const profile = cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, `--cpu-prof-name=${label}.cpuprofile`]
    : [];
  const controller = startController(
    running.kubeconfig,
    kernelEnv(SYNC_NAMESPACE, join(running.root, `controller-cache-${label}`), env),
    profile,
  );
  running.controller = controller;
  await controller.next('ready');
  return controller;
}

async function stopWorld(running: Running | undefined): Promise<void> {
  if (!running) return;
  const children: Child[] = [running.repoServer, running.sim];
  if (running.controller) children.unshift(running.controller);
  await Promise.all(children.map((child) => child.stop()));
  rmSync(running.root, { recursive: true, force: true });
}

/** Runs the measured work and records the controller and the other processes around it. */
async function measure(
  running: Running,
  controller: ControllerChild,
  request: { trigger: 'refresh' | 'sync'; revision?: string; apps?: number; label: string },
) {
  const pid = controller.process.pid ?? 0;
  const cpuBefore = { controller: cpuSecondsOf(pid), repoServer: cpuSecondsOf(running.repoServer.process.pid ?? 0) };
  const refreshFrom = controller.refreshes.length;
  controller.process.send({ type: 'lag-start' });
  const rss = sampleRss(pid);
  running.sim.process.send({ type: 'measure', ...request });
  const measured = await running.sim.next<Measured>('measured');
  const peakRss = rss.stop();
  controller.process.send({ type: 'lag-stop' });
  const lag = await controller.next<Lag>('lag');
  return {
    measured,
    lag,
    peakRss,
    cpu: {
      controller: cpuSecondsOf(pid) - cpuBefore.controller,
      repoServer: cpuSecondsOf(running.repoServer.process.pid ?? 0) - cpuBefore.repoServer,
      sim: measured.simCpuSeconds,
    },
    refreshes: controller.refreshes.slice(refreshFrom),
  };
}

function sorted(values: (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
}

function perApp(counts: Record<string, number>, count: number): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([verb, total]) => `${verb} ${round(total / count, 2)}`)
    .join(', ');
}

/** The figures every measured phase reports. */
function report(
  prefix: string,
  count: number,
  request: 'refresh' | 'sync',
  result: Awaited<ReturnType<typeof measure>>,
  goal: string | undefined,
): BenchmarkResult[] {
  const { measured, lag, cpu } = result;
  const seconds = measured.wallMs / 1000;
  const { times } = measured;
  const syncMs = sorted(
    times.map((t) => (t.running !== undefined && t.done !== undefined ? t.done - t.running : undefined)),
  );
  const toSet = sorted(times.map((t) => t.set));
  const toRunning = sorted(times.map((t) => t.running));
  const toDone = sorted(times.map((t) => t.done));
  const refreshMs = result.refreshes.map((refresh: Refresh) => refresh[3] * 1000).sort((a, b) => a - b);
  const work: Record<string, number> = {};
  for (const refresh of result.refreshes) work[refresh[1]] = (work[refresh[1]] ?? 0) + 1;
  const rows: BenchmarkResult[] = [
    { name: `${prefix} wall time, ${count} apps`, value: round(seconds, 1), unit: 's', ...(goal ? { goal } : {}) },
    { name: `${prefix} throughput`, value: round(count / seconds, 1), unit: 'apps/s' },
    ...(request === 'refresh'
      ? [
          {
            name: `${prefix} trigger → operation set (auto-sync), p50 / p99`,
            value: `${round(percentile(toSet, 0.5) / 1000, 1)} / ${round(percentile(toSet, 0.99) / 1000, 1)}`,
            unit: 's',
          },
        ]
      : []),
    {
      name: `${prefix} trigger → operation Running, p50 / p99`,
      value: `${round(percentile(toRunning, 0.5) / 1000, 1)} / ${round(percentile(toRunning, 0.99) / 1000, 1)}`,
      unit: 's',
    },
    {
      name: `${prefix} per-app sync (Running → done) p50 / p95 / p99`,
      value: [0.5, 0.95, 0.99].map((q) => round(percentile(syncMs, q))).join(' / '),
      unit: 'ms',
    },
    {
      name: `${prefix} trigger → app done, p50 / p99`,
      value: `${round(percentile(toDone, 0.5) / 1000, 1)} / ${round(percentile(toDone, 0.99) / 1000, 1)}`,
      unit: 's',
    },
    { name: `${prefix} apps not done when the run gave up`, value: measured.notDone, unit: '', goal: '0' },
    ...measured.stuck.map((app) => ({ name: `${prefix} … e.g.`, value: app, unit: '' })),
    { name: `${prefix} operations not Succeeded`, value: measured.failed, unit: '', goal: '0' },
    ...measured.failures.map((failure) => ({ name: `${prefix} … e.g.`, value: failure, unit: '' })),
    {
      name: `${prefix} refreshes (reconciles) p50 / p99`,
      value: `${round(percentile(refreshMs, 0.5))} / ${round(percentile(refreshMs, 0.99))}`,
      unit: 'ms',
    },
    { name: `${prefix} refreshes by work`, value: JSON.stringify(work), unit: '' },
    {
      name: `${prefix} control-plane requests per app`,
      value: perApp(measured.requests.controlPlane, count),
      unit: '',
    },
    {
      name: `${prefix} destination requests per app`,
      value: perApp(measured.requests.destinations, count),
      unit: '',
    },
    { name: `${prefix} controller RSS peak (1 s samples)`, value: round(result.peakRss / MiB), unit: 'MiB' },
    {
      name: `${prefix} controller event-loop lag p99 / max`,
      value: `${round(lag.p99Ms)} / ${round(lag.maxMs)}`,
      unit: 'ms',
    },
    { name: `${prefix} controller GC pauses (total, count)`, value: `${round(lag.gcMs)} ms, ${lag.gcCount}`, unit: '' },
    {
      name: `${prefix} CPU s: controller / repo-server / kube-sim`,
      value: [cpu.controller, cpu.repoServer, cpu.sim].map((value) => round(value, 1)).join(' / '),
      unit: 's',
    },
  ];
  return rows;
}

async function scenarioS1(): Promise<BenchmarkResult[]> {
  const world: SyncWorld = { apps, clusters: 1, shape: 'W1', automated: true };
  let running: (Running & { revision: string }) | undefined;
  try {
    running = await startWorld('s1', world);
    const controller = await startMeasuredController(running, 's1');
    // Warm-up, not measured: auto-sync creates every app's ConfigMap at the first commit.
    let started = performance.now();
    running.sim.process.send({ type: 'await', condition: 'synced', revision: running.revision });
    const warm = await running.sim.next<{ notDone: number }>('reached');
    if (warm.notDone > 0) throw new Error(`S1 warm-up: ${warm.notDone} apps never synced`);
    const warmSeconds = (performance.now() - started) / 1000;
    // Quiet: the post-sync refreshes have ended.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    started = performance.now();
    const revision = commitBulkChange(running.repoDir, world, 2);
    const commitSeconds = (performance.now() - started) / 1000;
    const result = await measure(running, controller, { trigger: 'refresh', revision, label: 'S1' });
    const memory = memoryOf(controller.process.pid ?? 0);
    controller.process.send({ type: 'memory' });
    const heap = await controller.next<{ heapUsed: number; heapTotal: number; external: number }>('memory');
    return [
      {
        name: `S1 warm-up: first auto-sync of ${apps} apps (renders included)`,
        value: round(warmSeconds, 1),
        unit: 's',
      },
      { name: 'S1 … warm-up throughput', value: round(apps / warmSeconds, 1), unit: 'apps/s' },
      { name: 'S1 one commit changing every app (git, not measured)', value: round(commitSeconds, 1), unit: 's' },
      ...report('S1', apps, 'refresh', result, '≤ 15 min at 10k (≥ 11 apps/s)'),
      { name: 'S1 controller VmHWM since start (warm-up included)', value: round(memory.peak / MiB), unit: 'MiB' },
      {
        name: 'S1 controller V8 heap used / reserved / external after GC, at the end',
        value: [heap.heapUsed, heap.heapTotal, heap.external].map((bytes) => Math.round(bytes / MiB)).join(' / '),
        unit: 'MiB',
      },
    ];
  } finally {
    await stopWorld(running);
  }
}

async function scenarioS6(): Promise<BenchmarkResult[]> {
  const world: SyncWorld = { apps, clusters: hookClusters, shape: 'W-hook', automated: false };
  let running: (Running & { revision: string }) | undefined;
  try {
    let started = performance.now();
    running = await startWorld('s6', world);
    const setupSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    let controller = await startMeasuredController(running, 's6');
    // Every app compared once (OutOfSync: nothing is live yet) before the syncs are asked for.
    await untilRefreshed(controller, 0, apps);
    const coldSeconds = (performance.now() - started) / 1000;
    running.sim.process.send({ type: 'counts' });
    const coldRequests = await running.sim.next<{ destinations: Record<string, number> }>('counts');
    const result = await measure(running, controller, {
      trigger: 'sync',
      revision: running.revision,
      label: 'S6',
    });
    controller.process.send({ type: 'memory' });
    const heap = await controller.next<{ heapUsed: number; heapTotal: number; external: number }>('memory');
    const rows: BenchmarkResult[] = [
      {
        name: `S6 setup: kube-sim with ${hookClusters} destination clusters`,
        value: round(setupSeconds, 1),
        unit: 's',
      },
      { name: `S6 controller start to ${apps} apps compared`, value: round(coldSeconds, 1), unit: 's' },
      {
        name: 'S6 … requests per destination cluster meanwhile',
        value: perApp(coldRequests.destinations, hookClusters),
        unit: '',
      },
      ...report('S6', apps, 'sync', result, '≤ 20 min at 10k, no deadlock'),
      {
        name: 'S6 controller V8 heap used / reserved / external after GC, at the end',
        value: [heap.heapUsed, heap.heapTotal, heap.external].map((bytes) => Math.round(bytes / MiB)).join(' / '),
        unit: 'MiB',
      },
    ];

    // S6': one operation worker. A fresh controller (its first refreshes done) syncs a few apps.
    await controller.stop();
    controller = await startMeasuredController(running, 's6-one-worker', { DRIFTLESS_OPERATION_PROCESSORS: '1' });
    await untilRefreshed(controller, 0, apps);
    const single = await measure(running, controller, { trigger: 'sync', apps: smallApps, label: "S6'" });
    const { times } = single.measured;
    const syncMs = sorted(
      times.map((t) => (t.running !== undefined && t.done !== undefined ? t.done - t.running : undefined)),
    );
    rows.push(
      {
        name: `S6' ${smallApps} apps, DRIFTLESS_OPERATION_PROCESSORS=1, wall time`,
        value: round(single.measured.wallMs / 1000, 1),
        unit: 's',
        goal: 'completes (≈ 10 s hook + steps, not N × 10 s)',
      },
      {
        name: "S6' per-app sync (Running → done) p50 / p99",
        value: `${round(percentile(syncMs, 0.5))} / ${round(percentile(syncMs, 0.99))}`,
        unit: 'ms',
      },
      { name: "S6' apps not done when the run gave up", value: single.measured.notDone, unit: '', goal: '0' },
      { name: "S6' operations not Succeeded", value: single.measured.failed, unit: '', goal: '0' },
      ...single.measured.failures.map((failure) => ({ name: "S6' … e.g.", value: failure, unit: '' })),
    );
    return rows;
  } finally {
    await stopWorld(running);
  }
}

export default async function syncBenchmark(): Promise<BenchmarkResult[]> {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'ignore' });
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
  const results: BenchmarkResult[] = [{ name: 'simulated API', value: latencyNote, unit: '' }];
  if (scenarios.includes('S1')) results.push(...(await scenarioS1()));
  if (scenarios.includes('S6')) results.push(...(await scenarioS6()));
  return results;
}
