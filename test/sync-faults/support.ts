// Fault-injection fixtures of the sync engine: an embedded cluster, the CRDs,
// a git repository and kernels started on demand (in this process, or in a
// child process that can be killed with SIGKILL), plus a ledger fed by the
// kube-sim stores that records, as the API server saw them, every hook Job
// creation and every change of each Application's operation state. The
// assertions read the ledger: each operation ends exactly once, its state
// never goes backwards, and no hook is created twice for one operation.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { ApiError, startKubeSim, type KubeObject, type KubeSim, type SimCluster } from '@driftless/kube-sim';
import { type Application, type OperationState, type ResourceResult } from '@driftless/schema';
import { type KernelConfig } from '../../core/src/config/config.schema';
import { describeConnection } from '../../core/src/kube/cluster-connection';
import { type Role } from '../../core/src/kernel/roles';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { RedisConnections } from '../../core/src/redis/redis-connections.service';
import { applyLive, eventually, type ControllerFixture } from '../controller/support';
import { installArgoCrds } from '../support/argo-resources';
import { makeRepo } from '../support/git-servers/make-repo';
import { redisUrl, startTestKernel, uniqueNamespace } from '../support/test-kernel';

export const HOOK_OPERATION_ANNOTATION = 'driftless.io/sync-operation';
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';
const TERMINAL = new Set(['Succeeded', 'Failed', 'Error']);

export interface ChildKernel {
  process: ChildProcess;
  /** kill -9: no shutdown hook runs. */
  kill(): Promise<void>;
  /** Blocks the child's event loop for `ms`; resolves when it runs again. */
  block(ms: number): Promise<void>;
  /** A graceful stop. */
  stop(): Promise<void>;
}

export interface FaultWorld extends ControllerFixture {
  kubeconfigPath: string;
  ledger: Ledger;
  /** An in-process kernel (controller and repo-server by default); `kernel` becomes the latest. */
  startKernel(roles?: Role[], env?: Record<string, string>): Promise<RunningKernel>;
  /** A kernel in a child process (controller only by default). */
  startChildKernel(roles?: Role[], env?: Record<string, string>): Promise<ChildKernel>;
}

export interface FaultWorldOptions {
  clusters?: number;
  files: Record<string, string>;
  env?: Record<string, string>;
  prepare?: (world: FaultWorld) => Promise<void>;
}

/** The suite's world; kernels start only when the test asks for them. */
export function useFaultWorld(options: FaultWorldOptions): FaultWorld {
  const world = { namespace: uniqueNamespace() } as FaultWorld;
  const base = mkdtempSync(join(tmpdir(), 'driftless-sync-faults-'));
  const kernels: RunningKernel[] = [];
  const children: ChildKernel[] = [];
  let caches = 0;
  const env = (extra: Record<string, string> | undefined) => ({
    DRIFTLESS_ALLOW_FILE_URLS: 'true',
    DRIFTLESS_REPO_CACHE_DIR: join(base, `cache-${(caches += 1)}`),
    // Dead replicas lose their shards within a second.
    DRIFTLESS_SHARD_HEARTBEAT_MS: '300',
    ...options.env,
    ...extra,
  });

  beforeAll(async () => {
    world.sim = await startKubeSim({ clusters: options.clusters ?? 1 });
    world.ledger = new Ledger(world.sim);
    world.kubeConfig = new KubeConfig();
    world.kubeConfig.loadFromString(world.sim.kubeconfigYaml());
    world.kubeconfigPath = join(base, 'kubeconfig');
    await world.sim.writeKubeconfig(world.kubeconfigPath);
    await installArgoCrds(world.kubeConfig, world.namespace);
    await applyLive(world.kubeConfig, [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'argocd-cm', namespace: world.namespace },
        data: { 'timeout.reconciliation': '30s', 'timeout.reconciliation.jitter': '0s' },
      } as KubernetesObject,
    ]);
    world.repo = await makeRepo(join(base, 'repo.git'), options.files);
    world.repoURL = `file://${world.repo.dir}`;
    world.startKernel = async (roles: Role[] = ['controller', 'repo-server'], extra?: Record<string, string>) => {
      const kernel = await startTestKernel({
        cluster: describeConnection(world.kubeConfig, 'kubeconfig'),
        namespace: world.namespace,
        roles,
        env: env(extra),
      });
      // A stop is asked for once: the test stops kernels, and afterAll stops whatever still runs.
      const stop = kernel.stop.bind(kernel);
      let stopping: Promise<void> | undefined;
      kernel.stop = () => (stopping ??= stop());
      kernels.push(kernel);
      world.kernel = kernel;
      return kernel;
    };
    world.startChildKernel = async (roles: Role[] = ['controller'], extra?: Record<string, string>) => {
      const child = await startChildKernel(world.kubeconfigPath, roles, {
        REDIS_URL: redisUrl,
        DRIFTLESS_NAMESPACE: world.namespace,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        ...env(extra),
      });
      children.push(child);
      return child;
    };
    await options.prepare?.(world);
  });

  afterAll(async () => {
    world.ledger?.stop();
    for (const child of children) await child.kill();
    // Bounded: a kernel stuck in a fault must not hold the suite (the test reports the fault).
    for (const kernel of kernels) await Promise.race([kernel.stop().catch(() => undefined), sleep(15_000)]);
    await world.sim?.stop();
    await deleteRedisKeys(world.namespace);
    rmSync(base, { recursive: true, force: true });
  }, 60_000);
  return world;
}

async function startChildKernel(kubeconfig: string, roles: Role[], env: Record<string, string>): Promise<ChildKernel> {
  const child = fork(join(__dirname, 'kernel-child.ts'), [JSON.stringify({ kubeconfig, env, roles })], {
    execArgv: ['--conditions=driftless-source', '-r', '@swc-node/register'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (type: string) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`the child kernel exited before "${type}"`)));
    });
  await next('ready');
  return {
    process: child,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    block: async (ms) => {
      const unblocked = next('unblocked');
      child.send({ type: 'block', ms });
      await unblocked;
    },
    stop: async () => {
      if (child.connected) child.send({ type: 'stop' });
      await exited;
    },
  };
}

/** Deletes this suite's keys only (`driftless:<namespace>:…`): other suites share the Redis. */
export async function deleteRedisKeys(namespace: string, pattern = '*'): Promise<number> {
  const connections = new RedisConnections({ redisUrl } as KernelConfig);
  const redis = connections.create('sync-faults-test', { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `driftless:${namespace}:${pattern}`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await connections.onApplicationShutdown();
  }
  return deleted;
}

export type SimRequest = Parameters<SimCluster['faults']['decide']>[0];

/**
 * Faults kube-sim's injector cannot aim (by method, by object, from a given
 * moment): `rule` sees every request of the cluster before the injector does
 * and answers with an error to return, or nothing to let it through.
 */
export function injectRequestFaults(
  cluster: SimCluster,
  rule: (request: SimRequest) => ApiError | undefined,
): { hits: string[]; restore: () => void } {
  const faults = cluster.faults;
  const decide = faults.decide.bind(faults);
  const hits: string[] = [];
  faults.decide = (request) => {
    const error = request.isWatch ? undefined : rule(request);
    if (!error) return decide(request);
    hits.push(`${request.method} ${request.path}: ${error.code}`);
    return { delayMs: 0, error, ...(error.code === 429 ? { retryAfterSeconds: 1 } : {}) };
  };
  return { hits, restore: () => void (faults.decide = decide) };
}

export const conflict = () =>
  new ApiError(
    409,
    'Conflict',
    'Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again (injected fault)',
  );
export const serverError = () => new ApiError(500, 'InternalError', 'Internal error occurred: injected fault');
export const throttled = () =>
  new ApiError(429, 'TooManyRequests', 'the server has received too many requests and has asked us to try again later');

/** What the API server stored for one Application's operation, each time it changed. */
export interface OperationSnapshot {
  revision: number;
  operationSet: boolean;
  state: OperationState | undefined;
  /** The whole Application as stored then. */
  app: Application;
}

/**
 * Everything the stores saw that the assertions need, recorded synchronously
 * in the API server's order (a store subscription), so nothing a kernel did
 * escapes it: hook creations, the Applications' operation states, and the
 * current ConfigMaps and Jobs.
 */
export class Ledger {
  /** `<cluster>:<namespace>/<name>@<operation attempt>` → how many times the hook was created. */
  readonly hookCreations = new Map<string, number>();
  /** Hook Jobs created without the operation annotation (must stay empty). */
  readonly unmarkedHooks: string[] = [];
  readonly operations = new Map<string, OperationSnapshot[]>();
  /** Live ConfigMaps and Jobs: `<cluster>:<Kind>:<namespace>/<name>`. */
  readonly objects = new Map<string, KubeObject>();
  private readonly latest = new Map<string, Application>();
  private readonly stops: (() => void)[] = [];

  constructor(sim: KubeSim) {
    sim.clusters.forEach((cluster, index) => {
      this.stops.push(
        cluster.store.subscribe((event) => {
          const object = event.object;
          const { namespace = '', name = '' } = object.metadata;
          if (object.kind === 'Application') {
            if (event.type === 'DELETED') this.latest.delete(name);
            else this.latest.set(name, object as unknown as Application);
            this.recordOperation(name, event.revision, object as unknown as Application);
            return;
          }
          if (object.kind !== 'ConfigMap' && object.kind !== 'Job') return;
          const key = `${index}:${object.kind}:${namespace}/${name}`;
          if (event.type === 'DELETED') this.objects.delete(key);
          else this.objects.set(key, object);
          if (object.kind !== 'Job' || event.type !== 'ADDED') return;
          const annotations = object.metadata.annotations ?? {};
          if (annotations['argocd.argoproj.io/hook'] === undefined) return;
          const operation = annotations[HOOK_OPERATION_ANNOTATION];
          if (operation === undefined) this.unmarkedHooks.push(key);
          const creation = `${index}:${namespace}/${name}@${operation ?? ''}`;
          this.hookCreations.set(creation, (this.hookCreations.get(creation) ?? 0) + 1);
        }),
      );
    });
  }

  stop(): void {
    for (const stop of this.stops) stop();
  }

  app(name: string): Application | undefined {
    return this.latest.get(name);
  }

  /** Live objects of a kind whose key matches. */
  live(kind: 'ConfigMap' | 'Job', matches: (namespace: string, name: string) => boolean = () => true): KubeObject[] {
    return [...this.objects.values()].filter(
      (object) => object.kind === kind && matches(object.metadata.namespace ?? '', object.metadata.name ?? ''),
    );
  }

  /** Hooks created more than once for one operation attempt (must be empty). */
  duplicateHooks(): string[] {
    return [...this.hookCreations].filter(([, count]) => count > 1).map(([key, count]) => `${key} ×${count}`);
  }

  /** Hook creations of one app's destination namespace. */
  hooksIn(namespace: string): string[] {
    return [...this.hookCreations.keys()].filter((key) => key.split(':')[1]?.startsWith(`${namespace}/`));
  }

  /**
   * Waits until each app's operation carrying its marker has ended (the
   * operation removed, the phase terminal), reading the ledger, not the API.
   */
  async allEnded(markers: ReadonlyMap<string, string>, timeoutMs: number): Promise<Map<string, OperationState>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ended = new Map<string, OperationState>();
      const waiting: string[] = [];
      for (const [app, marker] of markers) {
        const current = this.latest.get(app);
        const state = current?.status?.operationState;
        if (state && markerOf(state) === marker && TERMINAL.has(state.phase) && current?.operation === undefined)
          ended.set(app, state);
        else waiting.push(`${app} (${state ? `${markerOf(state)} ${state.phase}: ${state.message ?? ''}` : '-'})`);
      }
      if (waiting.length === 0) return ended;
      if (Date.now() > deadline)
        throw new Error(`${waiting.length} operations did not end: ${waiting.slice(0, 5).join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Every way an app's recorded operation history breaks the engine's
   * promises: an operation that ended more (or less) than once, a state
   * changed after its end, an operation replaced before it ended, a result
   * that went backwards or disappeared within one attempt, a retry count
   * that decreased, a start time that moved.
   */
  violations(app: string, expectedMarkers: readonly string[] = []): string[] {
    const problems: string[] = [];
    const snapshots = this.operations.get(app) ?? [];
    const ends = new Map<string, number>();
    let previous: OperationState | undefined;
    for (const { state, revision } of snapshots) {
      // Only `operation` changed (a new one requested): the state itself is what it was.
      if (!state || JSON.stringify(state) === JSON.stringify(previous)) continue;
      const marker = markerOf(state);
      const at = `${app}@${revision}`;
      if (previous && markerOf(previous) !== marker) {
        if (!TERMINAL.has(previous.phase))
          problems.push(`${at}: operation ${markerOf(previous)} replaced while ${previous.phase}`);
      } else if (previous) {
        if (TERMINAL.has(previous.phase))
          problems.push(
            `${at}: operation ${marker} changed after it ended ${previous.phase}: ${changedFields(previous, state)}`,
          );
        if (state.startedAt !== previous.startedAt)
          problems.push(`${at}: startedAt moved ${previous.startedAt} → ${state.startedAt}`);
        if ((state.retryCount ?? 0) < (previous.retryCount ?? 0))
          problems.push(`${at}: retryCount went back ${previous.retryCount} → ${state.retryCount}`);
        if ((state.retryCount ?? 0) === (previous.retryCount ?? 0) && state.syncResult && previous.syncResult)
          problems.push(
            ...resultRegressions(at, previous.syncResult.resources ?? [], state.syncResult.resources ?? []),
          );
        if (previous.syncResult && !state.syncResult && (state.retryCount ?? 0) === (previous.retryCount ?? 0))
          problems.push(`${at}: syncResult dropped within attempt ${state.retryCount ?? 0}`);
      }
      if (TERMINAL.has(state.phase) && !(previous && markerOf(previous) === marker && TERMINAL.has(previous.phase)))
        ends.set(marker, (ends.get(marker) ?? 0) + 1);
      previous = state;
    }
    for (const [marker, count] of ends)
      if (count !== 1) problems.push(`${app}: operation ${marker} ended ${count} times`);
    for (const marker of expectedMarkers)
      if (!ends.has(marker)) problems.push(`${app}: operation ${marker} never ended`);
    return problems;
  }

  private recordOperation(name: string, revision: number, app: Application): void {
    const list = this.operations.get(name) ?? [];
    this.operations.set(name, list);
    const state = app.status?.operationState;
    const last = list.at(-1);
    const operationSet = app.operation !== undefined;
    if (last && last.operationSet === operationSet && JSON.stringify(last.state) === JSON.stringify(state)) return;
    list.push(structuredClone({ revision, operationSet, state, app }));
  }
}

export function markerOf(state: OperationState): string {
  return state.operation.info?.find((entry) => entry.name === 'test')?.value ?? '(no marker)';
}

/** Which fields of an operation state differ, with their new values. */
function changedFields(before: OperationState, after: OperationState): string {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof OperationState>;
  return [...fields]
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => `${field} ${JSON.stringify(before[field])} → ${JSON.stringify(after[field])}`)
    .join('; ');
}

function resultKey(result: ResourceResult): string {
  return `${result.syncPhase ?? 'Sync'}:${result.kind}/${result.namespace ?? ''}/${result.name}`;
}

function resultRegressions(at: string, before: readonly ResourceResult[], after: readonly ResourceResult[]): string[] {
  const problems: string[] = [];
  const now = new Map(after.map((result) => [resultKey(result), result]));
  for (const result of before) {
    const key = resultKey(result);
    const next = now.get(key);
    if (!next) {
      problems.push(`${at}: result ${key} disappeared`);
      continue;
    }
    if (result.status !== undefined && next.status === undefined)
      problems.push(`${at}: result ${key} lost its status ${result.status}`);
    if (TERMINAL.has(result.hookPhase ?? '') && next.hookPhase !== result.hookPhase)
      problems.push(`${at}: result ${key} went from ${result.hookPhase} to ${next.hookPhase ?? '-'}`);
  }
  return problems;
}

/** A small deterministic generator, so a failing run can be replayed from the seed in its message. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls a synchronous check (on the ledger) until it passes; fails with its last error after `timeoutMs`. */
export function until(check: () => void, timeoutMs = 30_000): Promise<void> {
  return eventually(() => Promise.resolve().then(check), timeoutMs);
}

/** A Job hook in a manifest (generateName: a new name per operation). */
export function hookJob(
  generateName: string,
  hook: 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail',
  annotations: Record<string, string> = {},
): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  generateName: ${generateName}
  annotations: ${JSON.stringify({ 'argocd.argoproj.io/hook': hook, ...annotations })}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: run
          image: busybox
`;
}

export function configMap(name: string, wave: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: {argocd.argoproj.io/sync-wave: "${wave}"}
data: {wave: "${wave}"}
`;
}
