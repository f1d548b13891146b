import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { ClusterRegistry } from '../clusters/cluster-registry.service';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/control-plane-token';
import { KubeHttp } from '../kube/kube-http';
import { SettingsConfigMaps } from '../kube/settings-config-maps.service';
import { PluginHost } from '../plugins/plugin-host.service';
import { bullOptions } from '../queue/bull-options';
import { QueueNames } from '../queue/queue-names';
import { RedisConnections } from '../redis/redis-connections.service';
import { ManifestCache } from '../repo/manifests/manifest-cache';
import { ManifestClient } from '../repo/manifests/manifest-client.service';
import { appInstanceName } from '../repo/manifests/tracking';
import { ApplicationStore, appKeyOf, hasOperationWork, REFRESH_ANNOTATION, type AppEvent } from './application-store';
import { AppDeletion } from './operations/app-deletion';
import { OperationRunner } from './operations/operation-runner';
import { ApplicationValidator } from './refresh/validate-application';
import { isCascadeDeleting } from '../sync/deletion-plan';
import { OperationWriter } from './operations/operation-writer';
import { selfHealBackoff } from './operations/self-heal-settings';
import { DEFAULT_SELF_HEAL, type SelfHealBackoff } from '../sync/auto-sync';
import { shardClusters, shardServerOf } from './app-shards';
import { ApplicationWriter } from './application-writer';
import { type JsonPatchOperation } from './status/status-patch';
import { ShardOwnership } from './sharding';
import { ControllerMetrics } from './controller-metrics';
import { ensureDefaultProject } from './default-project';
import { LiveStateService } from './live-state/live-state.service';
import { type LiveChange } from './live-state/cluster-cache';
import { AppRefresher, type RefreshResult } from './refresh/app-refresher';
import {
  controllerSettings,
  resyncTiming,
  usesManagedFieldsManagers,
  type ResyncTiming,
} from './refresh/controller-settings';
import { type ControllerSettings, type RefreshLevel, type RefreshPorts } from './refresh/refresh-ports';
import { mergeRefreshRequests, type RefreshRequest } from './refresh/refresh-request';
import { WakeQueue } from './queue/wake-queue';
import { ResyncSchedule } from './refresh/resync-schedule';
import { ResourceTreePublisher } from './tree/tree-publisher.service';

export interface RefreshedEvent {
  appKey: string;
  work: RefreshResult['work'];
  syncStatus: string | undefined;
  seconds: number;
}

/**
 * How often every app with an operation in progress is asked for again: a
 * wake-up lost with Redis (flushed, failed over) is re-derived from the
 * Applications within this period plus the queue's lost-job grace.
 */
const OPERATION_SWEEP_MS = 15_000;

/** Live changes of one app within this window become one refresh. */
const LIVE_CHANGE_DEBOUNCE_MS = 250;

/**
 * The application controller: keeps every Application's status true to Git
 * and to its destination cluster. Triggers (Application and AppProject watch
 * events, live changes, the resync period, the refresh annotation) go on this
 * replica's refresh queue; each refresh compares and patches the status when
 * it changed.
 */
@Injectable()
export class AppController implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(AppController.name);
  readonly identity = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly http: KubeHttp;
  private readonly writer: ApplicationWriter;
  private store!: ApplicationStore;
  private readonly refresher: AppRefresher;
  private readonly queue: WakeQueue<RefreshRequest>;
  /** Operation steps (sync engine): a wake-up per app with an operation to run or in progress. */
  private readonly operations: WakeQueue<true>;
  private readonly runner: OperationRunner;
  private readonly operationWriter: OperationWriter;
  private readonly deletion: AppDeletion;
  private selfHeal: SelfHealBackoff = DEFAULT_SELF_HEAL;
  private syncTimeoutSeconds = 0;
  private readonly schedule = new ResyncSchedule();
  /** App instance name (what tracking marks say) → app key. */
  private readonly instances = new Map<string, string>();
  /** Apps whose ignoreDifferences name field managers: while there are any, live objects keep managedFields. */
  private readonly managedFieldsApps = new Set<string>();
  private timing: ResyncTiming = resyncTiming({});
  private resyncTimer: NodeJS.Timeout | undefined;
  private operationSweep: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void)[] = [];
  private readonly refreshedListeners = new Set<(event: RefreshedEvent) => void>();
  private starting: Promise<void> = Promise.resolve();
  private stopped = false;
  private wake: () => void = () => undefined;
  private readonly ownership: ShardOwnership;
  /** Refreshes running now, by destination server: a shard is handed over only once its refreshes end. */
  private readonly inFlight = new Map<string, Set<Promise<void>>>();

  constructor(
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    @Inject(CONTROL_PLANE_CLUSTER) controlPlane: ClusterConnection,
    private readonly clusters: ClusterRegistry,
    private readonly live: LiveStateService,
    private readonly settingsMaps: SettingsConfigMaps,
    private readonly manifests: ManifestClient,
    private readonly manifestCache: ManifestCache,
    private readonly plugins: PluginHost,
    private readonly metrics: ControllerMetrics,
    connections: RedisConnections,
    private readonly tree: ResourceTreePublisher,
  ) {
    this.http = new KubeHttp(controlPlane.kubeConfig);
    this.writer = new ApplicationWriter(this.http);
    this.ownership = new ShardOwnership({
      kubeConfig: controlPlane.kubeConfig,
      namespace: config.namespace,
      identity: this.identity,
      heartbeatMs: config.controller.shardHeartbeatMs,
      onAcquire: (server) => this.shardAcquired(server),
      onRelease: (server) => this.shardReleased(server),
      logger: { warn: (message) => this.logger.warn(message) },
    });
    const ports = this.ports();
    this.refresher = new AppRefresher(ports);
    this.operationWriter = new OperationWriter(this.http);
    this.runner = new OperationRunner({
      ports,
      writer: this.operationWriter,
      onWritten: (app) => this.store.patched(app),
      syncTimeoutSeconds: () => this.syncTimeoutSeconds,
    });
    this.deletion = new AppDeletion(ports, new ApplicationValidator(ports), this.http);
    this.operations = new WakeQueue<true>({
      name: `${QueueNames.appOperation}-${this.identity}`,
      connection: () => bullOptions(config, connections, 'app-operation'),
      concurrency: config.controller.operationProcessors,
      merge: () => true,
      run: (appKey) => this.runOperation(appKey),
      onError: (appKey, error) => this.logger.warn(`operation of ${appKey}: ${error.message}`),
    });
    this.queue = new WakeQueue<RefreshRequest>({
      name: `${QueueNames.appRefresh}-${this.identity}`,
      connection: () => bullOptions(config, connections, 'app-refresh'),
      concurrency: config.controller.statusProcessors,
      merge: mergeRefreshRequests,
      run: (appKey, request) => this.refreshApp(appKey, request),
      onError: (appKey, error) => this.logger.warn(`refreshing ${appKey}: ${error.message}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const params = await this.settingsMaps.data('argocd-cmd-params-cm');
    this.store = new ApplicationStore({
      http: this.http,
      controlNamespace: this.config.namespace,
      appNamespaces: (params['application.namespaces'] ?? '')
        .split(',')
        .map((pattern) => pattern.trim())
        .filter(Boolean),
      onApp: (event) => this.onAppEvent(event),
      onProject: (name) => this.onProjectChange(name),
      onOperation: (key, app) => {
        if (this.owns(app)) void this.operations.request(key, true);
      },
      onProblem: (message) => this.logger.warn(message),
    });
    this.selfHeal = selfHealBackoff(params);
    this.syncTimeoutSeconds = Math.max(0, Number(params['controller.sync.timeout.seconds'] ?? 0) || 0);
    this.queue.start();
    this.operations.start();
    this.unsubscribe.push(
      this.live.onChange((change) => this.onLiveChange(change)),
      this.live.onUntrackedChange((server, namespace) => this.onUntrackedChange(server, namespace)),
      this.clusters.onChange((clusters) => {
        this.ownership.setClusters(shardClusters(clusters));
        void this.requestOwned(this.store.keys(), 'full');
      }),
    );
    this.metrics.watch(this.store, this.live, this.queue);
    // In the background: the other roles of this process must not wait for (or die with) a control
    // plane whose CRDs or namespace are not there yet.
    this.starting = this.startWhenReady();
  }

  /** Starts the control loop, retrying every 5 s while the cluster is not ready for it. */
  private async startWhenReady(): Promise<void> {
    let reported = '';
    while (!this.stopped) {
      try {
        await this.clusters.start();
        this.ownership.setClusters(shardClusters(this.clusters.list()));
        await ensureDefaultProject(this.http, this.config.namespace);
        this.timing = resyncTiming(await this.settingsMaps.data('argocd-cm'));
        await this.ownership.start();
        await this.store.start();
        this.resyncTimer = setInterval(() => void this.resyncDue(), 1000);
        this.resyncTimer.unref();
        this.operationSweep = setInterval(() => void this.sweepOperations(), OPERATION_SWEEP_MS);
        this.operationSweep.unref();
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (message !== reported)
          this.logger.warn(
            `the application controller is waiting for the control plane: ${message} — install the CRDs (kubectl apply -k deploy/base) and create namespace ${this.config.namespace}; retrying every 5 s`,
          );
        reported = message;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, 5_000).unref();
        });
      }
    }
  }

  /**
   * First in the shutdown: no new work, and running refreshes and operation
   * steps end while the plugins, caches and manifest client they use are
   * still there (those stop at application shutdown).
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.starting;
    clearInterval(this.resyncTimer);
    clearInterval(this.operationSweep);
    for (const stop of this.unsubscribe) stop();
    await this.queue.close();
    await this.operations.close();
  }

  async onApplicationShutdown(): Promise<void> {
    // Hands the shards over at once instead of letting them expire.
    await this.ownership.stop();
    this.store?.stop();
  }

  /** Every app of this replica, refreshed at `level` (benchmarks, a settings change). */
  refreshAll(level: RefreshLevel = 'full'): Promise<void> {
    return this.requestOwned(this.store.keys(), level);
  }

  /** Whether this replica refreshes the app now (it owns the app's destination cluster). */
  owns(app: Application): boolean {
    return this.ownership.owns(shardServerOf(app, this.clusters.list()));
  }

  private requestOwned(appKeys: readonly string[], level: RefreshLevel): Promise<void> {
    return this.queue.requestMany(
      appKeys.filter((appKey) => {
        const app = this.store.get(appKey);
        return app !== undefined && this.owns(app);
      }),
      { level, touch: false },
    );
  }

  private async shardAcquired(server: string): Promise<void> {
    const clusters = this.clusters.list();
    const apps = this.store ? this.store.all().filter((app) => shardServerOf(app, clusters) === server) : [];
    // Operations in progress resume here: after a restart, a lost shard or a flushed Redis.
    await this.operations.requestMany(
      apps.filter(hasOperationWork).map((app) => appKeyOf(app)),
      true,
    );
    return this.queue.requestMany(
      apps.map((app) => appKeyOf(app)),
      { level: 'full', touch: false },
    );
  }

  private async shardReleased(server: string): Promise<void> {
    const clusters = this.clusters.list();
    const belongs = (appKey: string) => {
      const app = this.store?.get(appKey);
      return app !== undefined && shardServerOf(app, clusters) === server;
    };
    this.queue.forgetWhere(belongs);
    this.operations.forgetWhere(belongs);
    await Promise.allSettled([...(this.inFlight.get(server) ?? [])]);
    for (const appKey of this.store?.keys() ?? []) if (belongs(appKey)) this.refresher.forget(appKey);
    this.live.drop(server);
  }

  /** Hears about every finished refresh (benchmarks and tests measure with it). */
  onRefreshed(listener: (event: RefreshedEvent) => void): () => void {
    this.refreshedListeners.add(listener);
    return () => this.refreshedListeners.delete(listener);
  }

  /** Asks for a refresh of one app now (the API's refresh, webhooks). */
  requestRefresh(appKey: string, hard = false): Promise<void> {
    return this.queue.request(appKey, { level: hard ? 'hard' : 'full', touch: true });
  }

  private ports(): RefreshPorts {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the ports read settings loaded after construction
    const controller = this;
    return {
      controlNamespace: this.config.namespace,
      get selfHeal() {
        return controller.selfHeal;
      },
      settings: () => this.settings(),
      project: (name) => this.store.project(name),
      clusters: () => this.clusters.list(),
      isKnownInstance: (instance) => this.instances.has(instance),
      liveCache: (cluster, settings) => this.live.cacheFor(cluster, settings),
      generate: (request) => this.manifests.generate(request),
      resolvedRevisions: (sources) => this.manifestCache.getResolved(sources),
      cachedRender: async (revisionKey) => {
        const render = await this.manifestCache.getRender(revisionKey);
        return render && { ...render, cache: 'revision', revisionKey };
      },
      assessHealth: (objects, resourceOverrides) =>
        this.plugins.assessHealth(objects as never, Object.keys(resourceOverrides).length ? { resourceOverrides } : {}),
      now: () => new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      observer: this.tree,
    };
  }

  private async settings(): Promise<ControllerSettings> {
    const argocdCm = await this.settingsMaps.data('argocd-cm');
    return controllerSettings(argocdCm, this.managedFieldsApps.size > 0);
  }

  private onAppEvent(event: AppEvent): void {
    const instance = appInstanceName(
      { name: event.app.metadata.name ?? '', namespace: event.app.metadata.namespace ?? '' },
      this.config.namespace,
    );
    if (event.type === 'deleted' || !usesManagedFieldsManagers(event.app)) this.managedFieldsApps.delete(event.key);
    else this.managedFieldsApps.add(event.key);
    if (event.type === 'deleted') {
      this.instances.delete(instance);
      this.refresher.forget(event.key);
      this.queue.forget(event.key);
      this.schedule.remove(event.key);
      return;
    }
    this.instances.set(instance, event.key);
    if (!this.owns(event.app)) return;
    const level: RefreshLevel = event.refresh === 'hard' ? 'hard' : 'full';
    void this.queue.request(event.key, { level, touch: event.refresh !== undefined });
  }

  private onProjectChange(name: string): void {
    const apps = this.store.all().filter((app) => (app.spec.project || 'default') === name);
    void this.requestOwned(
      apps.map((app) => appKeyOf(app)),
      'compare',
    );
    // An operation held by the project's sync windows looks again at once.
    const operations = apps.filter((app) => hasOperationWork(app) && this.owns(app)).map((app) => appKeyOf(app));
    if (operations.length) void this.operations.requestMany(operations, true);
  }

  private onLiveChange(change: LiveChange): void {
    for (const instance of change.appInstances) {
      const appKey = this.instances.get(instance);
      if (!appKey) continue;
      this.metrics.liveChange(change.specChanged);
      const app = this.store.get(appKey);
      // A sync waiting for a hook or a wave looks again as soon as one of its objects changes.
      if (app && hasOperationWork(app)) void this.operations.request(appKey, true, LIVE_CHANGE_DEBOUNCE_MS);
      void this.queue.request(
        appKey,
        { level: change.specChanged ? 'compare' : 'health', touch: false },
        LIVE_CHANGE_DEBOUNCE_MS,
      );
    }
  }

  /** Argo CD's controller does the same: the apps whose orphanedNodes this object is (or was) in look again. */
  private onUntrackedChange(server: string, namespace: string): void {
    const clusters = this.clusters.list();
    for (const app of this.store.all()) {
      if (app.spec.destination?.namespace !== namespace) continue;
      if (this.store.project(app.spec.project || 'default')?.spec?.orphanedResources === undefined) continue;
      if (shardServerOf(app, clusters) !== server || !this.owns(app)) continue;
      void this.queue.request(appKeyOf(app), { level: 'health', touch: false }, LIVE_CHANGE_DEBOUNCE_MS);
    }
  }

  private async sweepOperations(): Promise<void> {
    // Redis lost the queues' jobs: every owned app is asked for again (the Applications are the record).
    if (await this.queue.recoverLost().catch(() => false)) await this.refreshAll('full').catch(() => undefined);
    await this.operations.recoverLost().catch(() => false);
    const keys = this.store
      .all()
      .filter((app) => hasOperationWork(app) && this.owns(app))
      .map((app) => appKeyOf(app));
    if (keys.length) await this.operations.requestMany(keys, true).catch(() => undefined);
  }

  private async resyncDue(): Promise<void> {
    const due = this.schedule.due(Date.now());
    if (due.length) await this.requestOwned(due, 'full');
  }

  private async refreshApp(appKey: string, request: RefreshRequest): Promise<void> {
    const app = this.store.get(appKey);
    if (!app) return;
    const server = shardServerOf(app, this.clusters.list());
    // Checked right before the work: the shard may have moved since the request was queued.
    if (!this.ownership.owns(server)) return;
    const running = this.refreshOwned(appKey, app, request);
    let set = this.inFlight.get(server);
    if (!set) this.inFlight.set(server, (set = new Set()));
    set.add(running);
    try {
      await running;
    } finally {
      set.delete(running);
    }
  }

  private async refreshOwned(appKey: string, app: Application, request: RefreshRequest): Promise<void> {
    const started = performance.now();
    // Cleared before the work, not after: a webhook that asks again while this refresh reads Git
    // (an annotation still present is not set twice) then wakes a new refresh instead of being lost.
    if (app.metadata.annotations?.[REFRESH_ANNOTATION] !== undefined)
      this.store.patched(await this.writer.clearRefreshAnnotation(app));
    const result = await this.refresher.refresh(app, request.level, request.touch);
    if (result.operations.length > 0) await this.patchStatus(app, result.operations);
    if (result.autoSync) await this.startAutoSync(appKey, result.autoSync);
    else if (result.autoSyncAfterMs !== undefined)
      await this.queue.request(appKey, { level: 'compare', touch: false }, result.autoSyncAfterMs);
    this.schedule.refreshed(appKey, Date.now(), this.timing);
    const seconds = (performance.now() - started) / 1000;
    this.metrics.reconciled(app, result, seconds);
    for (const listener of this.refreshedListeners)
      listener({ appKey, work: result.work, syncStatus: result.status.sync?.status, seconds });
  }

  /** Sets the operation auto-sync decided on; the operation queue hears of it from the watch. */
  private async startAutoSync(appKey: string, operation: NonNullable<Application['operation']>): Promise<void> {
    const app = this.store.get(appKey);
    if (!app) return;
    if (hasOperationWork(app)) {
      // The refresh saw no operation, the stored copy shows one: another client started one (its end
      // asks for a compare anyway), or a watch event older than our last patch briefly stands in the
      // store. Decide again shortly rather than drop the auto-sync: with a real operation the next
      // refresh decides nothing, so this cannot loop.
      await this.queue.request(appKey, { level: 'compare', touch: false }, 1_000);
      return;
    }
    try {
      const updated = await this.operationWriter.setOperation(app, operation);
      this.store.patched(updated);
      await this.operations.request(appKey, true);
    } catch (error) {
      // Usually the app changed meanwhile: the next refresh decides again.
      this.logger.debug?.(`auto-sync of ${appKey} not started: ${(error as Error).message}`);
      await this.queue.request(appKey, { level: 'compare', touch: false }, 1_000);
    }
  }

  private async runOperation(appKey: string): Promise<void> {
    const app = this.store.get(appKey);
    if (!app || !this.owns(app)) return;
    const server = shardServerOf(app, this.clusters.list());
    const running = isCascadeDeleting(app) ? this.deletion.step(app) : this.runner.run(app);
    let set = this.inFlight.get(server);
    if (!set) this.inFlight.set(server, (set = new Set()));
    const tracked = running.then(
      () => undefined,
      () => undefined,
    );
    set.add(tracked);
    try {
      const outcome = await running;
      if (outcome.kind === 'later') await this.operations.request(appKey, true, outcome.afterMs);
      const current = this.store.get(appKey);
      const after = current?.status?.operationState;
      // A finished operation changed the cluster: compare now rather than at the next live change.
      if (current && after?.finishedAt !== app.status?.operationState?.finishedAt && after?.phase !== 'Running') {
        this.metrics.synced(current, after?.phase ?? '');
        await this.queue.request(appKey, { level: 'compare', touch: false });
      }
    } catch (error) {
      this.logger.warn(`operation of ${appKey}: ${(error as Error).message}; trying again in 5 s`);
      await this.operations.request(appKey, true, 5_000);
    } finally {
      set.delete(tracked);
    }
  }

  private async patchStatus(app: Application, operations: readonly JsonPatchOperation[]): Promise<void> {
    try {
      this.store.patched(await this.writer.patchStatus(app, operations));
    } catch (error) {
      // Usually the stored copy was stale (someone else wrote the status meanwhile): compare again
      // from the watch's copy, a little later so a patch the API server keeps refusing cannot spin.
      this.logger.warn(`status patch of ${appKeyOf(app)} failed: ${(error as Error).message}`);
      this.refresher.forget(appKeyOf(app));
      await this.queue.request(appKeyOf(app), { level: 'compare', touch: false }, 2_000);
    }
  }
}
