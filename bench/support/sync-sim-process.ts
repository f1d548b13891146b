// Child process of the sync benchmark: kube-sim with a control-plane cluster
// (Applications, cluster Secrets, settings) and C destination clusters, all
// created in-process. It injects the brief's API latency, counts the HTTP
// requests every cluster serves (by verb), starts the measured work the way
// Argo CD's API server and webhook handler do — by writing the Applications
// (the refresh annotation, or `operation`) — and times every app from its own
// store's events, so per-app figures have millisecond resolution (the
// operationState timestamps have one second).
import type { Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { startKubeSim, type SimCluster } from '@driftless/kube-sim';
import { crdManifests } from '@driftless/schema';
import {
  clusterSecret,
  clusterOf,
  syncAppName,
  syncApplication,
  SYNC_NAMESPACE,
  SYNC_NAMESPACES,
  type SyncWorld,
} from './sync-world';

interface Start {
  world: SyncWorld;
  repoURL: string;
  kubeconfig: string;
  /** Median and p90 of the latency added to every non-watch request, in ms; none when absent. */
  latency?: { controlPlane: [number, number]; destination: [number, number] };
}

/** Every app reached it: `compared` (a sync status), `synced` (Synced and Succeeded at `revision`). */
interface Await {
  type: 'await';
  condition: 'compared' | 'synced';
  revision?: string;
}

/**
 * Starts the measured work at once on `apps` apps (all when absent): `refresh`
 * sets the refresh annotation (what Argo CD's webhook handler does), `sync`
 * sets a manual sync operation (what `argocd app sync` does). Ends when each
 * app is Synced and Succeeded at `revision` (refresh) or its operation ended
 * (sync).
 */
interface Measure {
  type: 'measure';
  trigger: 'refresh' | 'sync';
  revision?: string;
  apps?: number;
  label: string;
}

/** The requests counted since the last `counts` or `measure` (then counted afresh). */
type Message = Await | Measure | { type: 'counts' } | { type: 'stop' };

interface KubeObject {
  metadata: { name?: string; namespace?: string; annotations?: Record<string, string> };
  [field: string]: unknown;
}

interface AppView {
  operation?: unknown;
  status?: {
    reconciledAt?: string;
    sync?: { status?: string; revision?: string };
    operationState?: { phase?: string; message?: string; syncResult?: { revision?: string } };
  };
}

/** Per app, ms since the trigger: operation set, Running seen, operation ended, done. */
interface AppTimes {
  set?: number;
  running?: number;
  ended?: number;
  done?: number;
  phase?: string;
  message?: string;
}

const APPLICATIONS = 'argoproj.io/applications';
const CONNECTIONS = '(connections)';
/** A measurement or a wait gives up after this long (a deadlock shows as apps not done). */
const TIMEOUT_MS = Number(process.env.BENCH_SYNC_TIMEOUT_MINUTES ?? 60) * 60_000;

function sampler([median, p90]: [number, number]): () => number {
  // Log-normal with the given median and 90th percentile.
  const sigma = Math.log(p90 / median) / 1.2816;
  return () => {
    const z = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
    return median * Math.exp(sigma * z);
  };
}

/** get, list, watch, create, update, patch, delete…; `dry-run …` for dryRun=All writes; discovery for the rest. */
function verbOf(method: string, url: string): string {
  const [path = '', query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  const dryRun = params.get('dryRun') === 'All' ? 'dry-run ' : '';
  const match = /^\/(?:api\/[^/]+|apis\/[^/]+\/[^/]+)\/(.+)$/.exec(path);
  if (!match?.[1]) return 'discovery';
  let rest = match[1].split('/');
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  const named = rest.length >= 2;
  switch (method) {
    case 'GET':
      if (params.get('watch') === 'true' || params.get('watch') === '1') return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return `${dryRun}create`;
    case 'PUT':
      return `${dryRun}update`;
    case 'PATCH':
      return `${dryRun}patch`;
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

/**
 * Counts the HTTP requests a cluster serves, by verb, and the TLS connections
 * clients open to it (`(connections)`), and adds the injected latency.
 */
function instrument(cluster: SimCluster, counts: Map<string, number>, latency: (() => number) | undefined): void {
  const server = (cluster as unknown as { httpServer: Server }).httpServer;
  server.prependListener('request', (request) => {
    const verb = verbOf(request.method ?? 'GET', request.url ?? '/');
    counts.set(verb, (counts.get(verb) ?? 0) + 1);
  });
  server.on('secureConnection', () => counts.set(CONNECTIONS, (counts.get(CONNECTIONS) ?? 0) + 1));
  if (!latency) return;
  const decide = cluster.faults.decide.bind(cluster.faults);
  cluster.faults.decide = (request) => {
    const decision = decide(request);
    if (!request.isWatch) decision.delayMs += latency();
    return decision;
  };
}

async function main(): Promise<void> {
  const start = JSON.parse(process.argv[2] ?? '{}') as Start;
  const { world } = start;
  const sim = await startKubeSim({ clusters: 1 + world.clusters, watchHistory: 100_000 });
  const [control, ...destinations] = sim.clusters as [SimCluster, ...SimCluster[]];
  const controlCounts = new Map<string, number>();
  const destinationCounts = new Map<string, number>();
  instrument(control, controlCounts, start.latency && sampler(start.latency.controlPlane));
  for (const cluster of destinations)
    instrument(cluster, destinationCounts, start.latency && sampler(start.latency.destination));

  const create = (cluster: SimCluster, object: object) => {
    const typed = object as { apiVersion: string; kind: string; metadata: { namespace?: string } };
    const slash = typed.apiVersion.indexOf('/');
    const type = cluster.api.types.byKind(slash < 0 ? '' : typed.apiVersion.slice(0, slash), typed.kind);
    if (!type) throw new Error(`kube-sim does not serve ${typed.apiVersion} ${typed.kind}`);
    cluster.api.create(type, typed.metadata.namespace, object);
  };
  for (const crd of crdManifests()) create(control, crd);
  create(control, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SYNC_NAMESPACE } });
  // Argo CD's defaults: the installed argocd-cm has no data.
  create(control, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: SYNC_NAMESPACE } });
  destinations.forEach((cluster, index) => {
    create(control, clusterSecret(`dest-${index + 1}`, cluster.server, cluster.token, sim.caCertPem));
    for (let namespace = 0; namespace < SYNC_NAMESPACES; namespace += 1)
      create(cluster, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${namespace}` } });
  });
  for (let index = 0; index < world.apps; index += 1) {
    const destination = destinations[clusterOf(world, index)] as SimCluster;
    create(control, syncApplication(world, index, start.repoURL, destination.server));
  }
  writeFileSync(start.kubeconfig, sim.kubeconfigYaml());

  const applicationType = control.api.types.byKind('argoproj.io', 'Application');
  if (!applicationType) throw new Error('kube-sim lacks the Application CRD');
  const appOf = (name: string) => control.api.get(applicationType, SYNC_NAMESPACE, name) as unknown as AppView;
  const isSynced = (app: AppView, revision: string | undefined) =>
    app.status?.sync?.status === 'Synced' &&
    app.status.sync.revision === revision &&
    app.status.operationState?.phase === 'Succeeded' &&
    app.status.operationState.syncResult?.revision === revision;
  const reached = (app: AppView, message: Await) =>
    message.condition === 'compared'
      ? ['Synced', 'OutOfSync'].includes(app.status?.sync?.status ?? '') && app.status?.reconciledAt !== undefined
      : isSynced(app, message.revision);

  /**
   * Resolves once every app passes `check` (reading each app once, then only its changes) with
   * the apps that did not, which is none unless TIMEOUT_MS passed first.
   */
  const untilEvery = (names: readonly string[], check: (name: string, app: AppView) => boolean) =>
    new Promise<string[]>((resolve) => {
      const missing = new Set(names.filter((name) => !check(name, appOf(name))));
      if (missing.size === 0) return resolve([]);
      const timer = setTimeout(() => {
        stop();
        resolve([...missing]);
      }, TIMEOUT_MS);
      const stop = control.store.subscribe((event) => {
        if (event.key !== APPLICATIONS) return;
        const name = (event.object as KubeObject).metadata.name ?? '';
        if (!missing.has(name) || !check(name, event.object as unknown as AppView)) return;
        missing.delete(name);
        if (missing.size > 0) return;
        clearTimeout(timer);
        stop();
        resolve([]);
      });
    });

  const cpuSeconds = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };

  const measure = async (message: Measure) => {
    const names = Array.from({ length: Math.min(message.apps ?? world.apps, world.apps) }, (_, i) => syncAppName(i));
    const times = new Map<string, AppTimes>(names.map((name) => [name, {}]));
    controlCounts.clear();
    destinationCounts.clear();
    const cpuBefore = cpuSeconds();
    const t0 = performance.now();
    const since = () => performance.now() - t0;
    const check = (name: string, app: AppView) => {
      const entry = times.get(name) as AppTimes;
      const at = since();
      if (app.operation !== undefined) entry.set ??= at;
      const phase = app.status?.operationState?.phase;
      if (phase === 'Running') entry.running ??= at;
      else if (entry.running !== undefined && phase && entry.ended === undefined) {
        entry.ended = at;
        entry.phase = phase;
        entry.message = app.status?.operationState?.message ?? '';
      }
      const done =
        message.trigger === 'sync'
          ? entry.ended !== undefined && app.operation === undefined
          : isSynced(app, message.revision);
      if (done) entry.done = at;
      return done;
    };
    const progress = setInterval(() => {
      let done = 0;
      for (const entry of times.values()) if (entry.done !== undefined) done += 1;
      console.error(`  ${message.label}: ${done}/${names.length} done after ${Math.round(since() / 1000)} s`);
    }, 30_000);
    // Subscribed before the trigger, so no change is missed; a freshly triggered app never passes at once.
    const finished = untilEvery(names, (name, app) => check(name, app));
    const patch =
      message.trigger === 'refresh'
        ? { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } }
        : { operation: { sync: {}, initiatedBy: { username: 'bench' }, info: [{ name: 'reason', value: 'bench' }] } };
    const body = JSON.stringify(patch);
    for (const name of names) control.api.patch(applicationType, SYNC_NAMESPACE, name, 'merge', body);
    const triggerMs = since();
    const notDone = await finished;
    const wallMs = since();
    clearInterval(progress);
    const failures = [...times.entries()]
      .filter(([, entry]) => entry.phase !== undefined && entry.phase !== 'Succeeded')
      .map(([name, entry]) => `${name}: ${entry.phase ?? ''} ${entry.message ?? ''}`);
    const stuck = notDone.slice(0, 3).map((name) => {
      const app = appOf(name);
      return `${name}: sync ${app.status?.sync?.status ?? '-'}, operation ${app.status?.operationState?.phase ?? '-'} ${app.status?.operationState?.message ?? ''}`;
    });
    process.send?.({
      type: 'measured',
      notDone: notDone.length,
      stuck,
      wallMs,
      triggerMs,
      simCpuSeconds: cpuSeconds() - cpuBefore,
      times: [...times.values()],
      failures: failures.slice(0, 5),
      failed: failures.length,
      requests: {
        controlPlane: Object.fromEntries(controlCounts),
        destinations: Object.fromEntries(destinationCounts),
      },
    });
  };

  process.on('message', (message: Message) => {
    if (message.type === 'stop') {
      void sim.stop().then(() => process.exit(0));
      return;
    }
    if (message.type === 'await') {
      const started = performance.now();
      const names = Array.from({ length: world.apps }, (_, i) => syncAppName(i));
      void untilEvery(names, (_name, app) => reached(app, message)).then((notDone) =>
        process.send?.({ type: 'reached', ms: performance.now() - started, notDone: notDone.length }),
      );
      return;
    }
    if (message.type === 'counts') {
      process.send?.({
        type: 'counts',
        controlPlane: Object.fromEntries(controlCounts),
        destinations: Object.fromEntries(destinationCounts),
      });
      controlCounts.clear();
      destinationCounts.clear();
      return;
    }
    void measure(message);
  });
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
