// The notifications controller (controller role). Watches argocd-notifications-cm and
// argocd-notifications-secret, AppProjects and Applications of the control-plane namespace; every
// change of an app (or of the configuration, or of its project) runs one pass over it
// (plan-app.ts).
//
// Exactly once across restarts and replicas: a pass first queues its deliveries under ids derived
// from (app uid, dedup key, recorded time), then writes the new `notified.notifications.argoproj.io`
// annotation with the resourceVersion it planned from. Only one writer of a given version wins; the
// loser re-reads the app and plans again, and then finds the deliveries recorded. A queued job
// delivers only after its record is committed (a Redis marker set after the write, or the annotation
// itself when the process died between the two); a job whose write lost is dropped after a minute.
// The BullMQ jobs live in Redis, so a restart between trigger and delivery delivers once. Only the
// replica holding the notifications Lease runs passes (leader-lease.ts); every replica delivers.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { NOTIFIED_ANNOTATION, parseNotifiedState } from '@driftless/notify-expr';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { LeaseApi } from '../../controller/sharding/lease-api';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp, KubeHttpError } from '../../kube/kube-http';
import { ListWatch } from '../../kube/list-watch';
import { PluginHost } from '../../plugins/plugin-host.service';
import { RedisConnections } from '../../redis/redis-connections.service';
import {
  NOTIFICATIONS_CONFIG_MAP,
  NOTIFICATIONS_SECRET,
  parseNotificationConfig,
  type NotificationConfig,
} from '../config/notification-config';
import { NotificationDelivery, type DeliveryJob } from '../delivery/notification-delivery';
import { NotifierRunner } from '../delivery/notifier-runner';
import { NotificationMetrics } from '../notification-metrics';
import { NotificationRenderer } from '../render/render-notification';
import { AppEvents } from './app-events';
import { LeaderLease } from './leader-lease';
import { planAppPass, type KubeResource } from './plan-app';

interface DataObject extends KubeResource {
  data?: Record<string, string>;
}

const PASS_CONCURRENCY = 8;
const MAX_CONFLICT_RETRIES = 5;

@Injectable()
export class NotificationController implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private readonly http: KubeHttp;
  private readonly events: AppEvents;
  private readonly runner: NotifierRunner;
  private readonly leader: LeaderLease;
  private readonly renderer = new NotificationRenderer();
  private delivery: NotificationDelivery | undefined;
  private readonly watches: ListWatch<KubeResource>[] = [];
  private readonly apps = new Map<string, KubeResource>();
  private readonly projects = new Map<string, KubeResource>();
  private configMapData: Record<string, string> | undefined;
  private secretData: Record<string, string> = {};
  private config: NotificationConfig | undefined;
  private servedTypes = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly running = new Set<string>();
  private stopped = false;
  private starting: Promise<void> | undefined;
  private configuring: Promise<void> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly kernelConfig: KernelConfig,
    private readonly redis: RedisConnections,
    plugins: PluginHost,
    private readonly metrics: NotificationMetrics,
  ) {
    this.http = new KubeHttp(cluster.kubeConfig);
    this.events = new AppEvents(this.http);
    this.runner = new NotifierRunner(plugins);
    this.leader = new LeaderLease(
      new LeaseApi(cluster.kubeConfig, kernelConfig.namespace, 10_000),
      `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`.toLowerCase(),
      (leading) => {
        this.logger.log(leading ? 'notifications: this replica evaluates the apps' : 'notifications: standing by');
        if (leading) this.scheduleAll();
      },
    );
  }

  /** Whether this replica runs the passes (holds the notifications Lease). */
  get leading(): boolean {
    return this.leader.leading;
  }

  onApplicationBootstrap(): void {
    this.delivery = new NotificationDelivery({
      config: this.kernelConfig,
      redis: this.redis,
      runner: this.runner,
      metrics: this.metrics,
      events: this.events,
      currentConfig: () => this.config,
      committed: (job, ageMs) => this.committed(job, ageMs),
    });
    this.starting = this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.leader.stop();
    for (const watch of this.watches) watch.stop();
    // A first list may still be waiting on an unreachable API server: do not hold shutdown for it.
    await Promise.race([
      this.starting?.catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
    ]);
    await this.delivery?.close();
  }

  /** Resolves when no pass is pending or running (tests, the benchmark). */
  idle(): Promise<void> {
    if (this.dirty.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get deliveryService(): NotificationDelivery | undefined {
    return this.delivery;
  }

  private async start(): Promise<void> {
    const namespace = this.kernelConfig.namespace;
    const dataWatch = (resource: 'configmaps' | 'secrets', name: string, apply: (object?: DataObject) => void) =>
      new ListWatch<DataObject>(
        this.http,
        `/api/v1/namespaces/${namespace}/${resource}`,
        {
          replace: (items) => apply(items.find((item) => item.metadata?.name === name)),
          event: (type, object) => apply(type === 'DELETED' ? undefined : object),
        },
        { query: { fieldSelector: `metadata.name=${name}` } },
      );
    const configWatch = dataWatch('configmaps', NOTIFICATIONS_CONFIG_MAP, (object) => {
      this.configMapData = object ? (object.data ?? {}) : undefined;
      this.reconfigure();
    });
    const secretWatch = dataWatch('secrets', NOTIFICATIONS_SECRET, (object) => {
      this.secretData = Object.fromEntries(
        Object.entries(object?.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
      );
      this.reconfigure();
    });
    const projectWatch = new ListWatch<KubeResource>(
      this.http,
      `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/appprojects`,
      {
        replace: (items) => {
          this.projects.clear();
          for (const item of items) this.projects.set(item.metadata?.name ?? '', item);
          this.scheduleAll();
        },
        event: (type, object) => {
          const name = object.metadata?.name ?? '';
          if (type === 'DELETED') this.projects.delete(name);
          else this.projects.set(name, object);
          for (const [key, app] of this.apps)
            if ((typeof app.spec?.project === 'string' ? app.spec.project : 'default') === name) this.schedule(key);
        },
      },
    );
    const appWatch = new ListWatch<KubeResource>(
      this.http,
      `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/applications`,
      {
        replace: (items) => {
          this.apps.clear();
          for (const item of items) this.apps.set(keyOf(item), item);
          this.scheduleAll();
        },
        event: (type, object) => {
          const key = keyOf(object);
          if (type === 'DELETED') {
            this.apps.delete(key);
            return;
          }
          this.apps.set(key, object);
          this.schedule(key);
        },
      },
    );
    this.watches.push(secretWatch, configWatch, projectWatch, appWatch);
    this.leader.start();
    for (const watch of this.watches) {
      // The CRDs or the namespace may not exist yet (a fresh install): retry until they do.
      for (;;) {
        if (this.stopped) return;
        try {
          await watch.start();
          break;
        } catch (error) {
          this.logger.warn(`notifications waiting for the control plane: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
    }
  }

  private reconfigure(): void {
    this.configuring = this.configuring
      .then(async () => {
        if (!this.configMapData) {
          this.config = undefined;
          return;
        }
        const config = parseNotificationConfig(this.configMapData, this.secretData);
        for (const problem of config.problems)
          this.logger.warn(`${NOTIFICATIONS_CONFIG_MAP} ${problem.key}: ${problem.message}`);
        const served = new Set<string>();
        for (const service of config.services.values())
          if (await this.runner.serves(service.type)) served.add(service.type);
        await this.delivery?.configure(config);
        this.servedTypes = served;
        this.config = config;
        this.scheduleAll();
      })
      .catch((error: unknown) => this.logger.error(`notifications configuration: ${(error as Error).message}`));
  }

  private scheduleAll(): void {
    for (const key of this.apps.keys()) this.schedule(key);
  }

  private schedule(key: string): void {
    if (this.stopped || !this.leader.leading) return;
    this.dirty.add(key);
    this.pump();
  }

  private pump(): void {
    for (const key of [...this.dirty]) {
      if (this.running.size >= PASS_CONCURRENCY) return;
      if (this.running.has(key)) continue;
      this.dirty.delete(key);
      this.running.add(key);
      void this.pass(key)
        .catch((error: unknown) => this.logger.warn(`notifications for ${key}: ${(error as Error).message}`))
        .finally(() => {
          this.running.delete(key);
          this.pump();
          if (this.dirty.size === 0 && this.running.size === 0) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
    }
  }

  private async pass(key: string): Promise<void> {
    await this.configuring;
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const config = this.config;
      const app = this.apps.get(key);
      if (!config || !app || !this.delivery) return;
      const project = this.projects.get(typeof app.spec?.project === 'string' ? app.spec.project : 'default');
      const pass = planAppPass({
        config,
        app,
        project,
        renderer: this.renderer,
        nowUnixSeconds: Math.floor(Date.now() / 1000),
        servedTypes: this.servedTypes,
      });
      for (const { trigger, triggered } of pass.evaluated)
        this.metrics.triggerEvaluations.inc({ name: trigger, triggered: String(triggered) });
      const ref = { namespace: app.metadata?.namespace ?? '', name: app.metadata?.name ?? '', uid: app.metadata?.uid };
      for (const problem of pass.problems) void this.events.warn(ref, problem.reason, problem.message);
      if (!pass.annotation) return;
      if (pass.deliveries.length > 0) await this.delivery.enqueue(pass.deliveries, config.settings.attempts);
      try {
        const updated = await this.http.sendJson<KubeResource>(
          'PATCH',
          `/apis/argoproj.io/v1alpha1/namespaces/${ref.namespace}/applications/${ref.name}`,
          {
            metadata: {
              resourceVersion: app.metadata?.resourceVersion,
              annotations: { [NOTIFIED_ANNOTATION]: pass.annotation.value ?? null },
            },
          },
          'application/merge-patch+json',
        );
        await this.delivery.markCommitted(pass.deliveries.map((delivery) => delivery.id));
        if (this.apps.has(key) && newer(updated, this.apps.get(key))) this.apps.set(key, updated);
        return;
      } catch (error) {
        if (!(error instanceof KubeHttpError)) throw error;
        if (error.status === 404) return;
        if (error.status !== 409) throw error;
        // Another writer (the application controller, another replica) came first: plan again.
        const fresh = await this.http
          .getJson<KubeResource>(`/apis/argoproj.io/v1alpha1/namespaces/${ref.namespace}/applications/${ref.name}`)
          .catch(() => undefined);
        if (!fresh) return;
        if (newer(fresh, this.apps.get(key))) this.apps.set(key, fresh);
      }
    }
    this.schedule(key);
  }

  /** Asks the API server only once the watch had time to bring the write (`ageMs` ≥ 5 s). */
  private async committed(job: DeliveryJob, ageMs: number): Promise<boolean> {
    if (await this.delivery?.isMarkedCommitted(job.id)) return true;
    const [namespace = '', name = ''] = job.app.split('/');
    const holds = (app: KubeResource | undefined) =>
      app?.metadata?.uid === job.uid &&
      parseNotifiedState(app.metadata?.annotations?.[NOTIFIED_ANNOTATION]).get(job.stateKey) === job.recordedAt;
    if (holds(this.apps.get(`${namespace}/${name}`))) return true;
    if (ageMs < 5_000) return false;
    const live = await this.http
      .getJson<KubeResource>(`/apis/argoproj.io/v1alpha1/namespaces/${namespace}/applications/${name}`)
      .catch(() => undefined);
    return holds(live);
  }
}

function keyOf(object: KubeResource): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/** Whether `candidate` is at least as recent as `current` (resourceVersions of one object grow). */
function newer(candidate: KubeResource, current: KubeResource | undefined): boolean {
  if (!current) return true;
  const a = Number(candidate.metadata?.resourceVersion);
  const b = Number(current.metadata?.resourceVersion);
  return !Number.isFinite(a) || !Number.isFinite(b) || a >= b;
}
