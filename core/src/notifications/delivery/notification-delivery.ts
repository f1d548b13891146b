// Delivery through BullMQ: one queue per configured service (`notifications-<service>`), whose
// limiter is the service's rate limit (BullMQ keeps it in Redis, so it holds across replicas); a job
// per notification and destination, id = the delivery id, so planning the same delivery twice queues
// it once; retries with exponential backoff for what may pass (5xx, 429, timeouts), none for what
// will not (401, a bad configuration). A job delivers only once its dedup state is committed to the
// app (see NotificationController); a delivery that fails for good is counted, recorded in the
// dead-letter list and reported on the app.
import { Logger } from '@nestjs/common';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { type NotifierOutput } from '@driftless/plugin-sdk';
import { type KernelConfig } from '../../config/config.schema';
import { bullOptions } from '../../queue/bull-options';
import { type RedisConnections } from '../../redis/redis-connections.service';
import { type NotificationConfig, type RateLimit } from '../config/notification-config';
import { type AppEvents } from '../controller/app-events';
import { type PlannedDelivery } from '../controller/plan-app';
import { type NotificationMetrics } from '../notification-metrics';
import { retryableError, type NotifierRunner } from './notifier-runner';

/** The queue-name prefix; one queue per service (queue-names.ts lists the kernel's fixed queues). */
export const NOTIFICATIONS_QUEUE_PREFIX = 'notifications-';
export const DEAD_LETTER_MAX = 1_000;
/** How long a job waits for its dedup state to be committed before it is dropped as superseded. */
const COMMIT_WAIT_MS = 60_000;
const WORKER_CONCURRENCY = 8;

export type DeliveryJob = PlannedDelivery;

export interface DeadLetter {
  at: string;
  id: string;
  app: string;
  trigger: string;
  service: string;
  destination: string;
  attempts: number;
  error: string;
}

export interface DeliveryDependencies {
  config: KernelConfig;
  redis: RedisConnections;
  runner: NotifierRunner;
  metrics: NotificationMetrics;
  events: AppEvents;
  currentConfig: () => NotificationConfig | undefined;
  /** Whether the app recorded this delivery in its dedup state (`ageMs`: how long the job has waited). */
  committed: (job: DeliveryJob, ageMs: number) => Promise<boolean>;
}

interface ServiceQueue {
  queue: Queue<DeliveryJob>;
  worker: Worker<DeliveryJob>;
  rate: string;
}

/** Replaces every secret value (4 characters or more) in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  return result;
}

export function queueNameFor(service: string): string {
  return `${NOTIFICATIONS_QUEUE_PREFIX}${service.replace(/[^\w.-]/g, '_')}`;
}

export class NotificationDelivery {
  private readonly logger = new Logger('Notifications');
  private readonly queues = new Map<string, ServiceQueue>();
  private readonly redis;
  readonly deadLetterKey: string;
  readonly committedPrefix: string;
  private closed = false;

  constructor(private readonly deps: DeliveryDependencies) {
    this.redis = deps.redis.create('notifications');
    this.deadLetterKey = `driftless:${deps.config.namespace}:notifications:dead-letter`;
    this.committedPrefix = `driftless:${deps.config.namespace}:notifications:committed:`;
  }

  /** Creates (or re-creates, when its rate changed) the queue and worker of every configured service. */
  async configure(config: NotificationConfig): Promise<void> {
    for (const service of config.services.values()) {
      const limit = config.settings.rateLimits.get(service.name) ?? config.settings.defaultRateLimit;
      const rate = `${limit.max}/${limit.durationMs}`;
      const existing = this.queues.get(service.name);
      if (existing?.rate === rate) continue;
      if (existing) await existing.worker.close();
      this.queues.set(service.name, this.open(service.name, limit, existing?.queue));
    }
  }

  private open(service: string, limit: RateLimit, queue?: Queue<DeliveryJob>): ServiceQueue {
    const name = queueNameFor(service);
    const worker = new Worker<DeliveryJob>(name, (job, token) => this.process(job, token), {
      ...bullOptions(this.deps.config, this.deps.redis, `${name}-worker`),
      concurrency: WORKER_CONCURRENCY,
      limiter: { max: limit.max, duration: limit.durationMs },
    });
    worker.on('failed', (job, error) => {
      if (job) void this.onFailed(job, error);
    });
    worker.on('error', (error) => this.logger.warn(`notification worker ${name}: ${error.message}`));
    return {
      queue: queue ?? new Queue<DeliveryJob>(name, bullOptions(this.deps.config, this.deps.redis, name)),
      worker,
      rate: `${limit.max}/${limit.durationMs}`,
    };
  }

  /** Queues deliveries (before their dedup state is committed: see NotificationController). */
  async enqueue(deliveries: readonly PlannedDelivery[], attempts: number): Promise<void> {
    const byService = new Map<string, PlannedDelivery[]>();
    for (const delivery of deliveries)
      byService.set(delivery.service, [...(byService.get(delivery.service) ?? []), delivery]);
    for (const [service, list] of byService) {
      const target = this.queues.get(service);
      if (!target) throw new Error(`no delivery queue for service ${service}`);
      await target.queue.addBulk(
        list.map((delivery) => ({
          name: delivery.trigger,
          data: delivery,
          opts: {
            jobId: delivery.id,
            attempts,
            backoff: { type: 'exponential', delay: 1_000 },
            removeOnComplete: { age: 3_600, count: 10_000 },
            removeOnFail: { age: 24 * 3_600, count: 10_000 },
          },
        })),
      );
    }
  }

  /** Marks deliveries whose dedup state the app now holds. */
  async markCommitted(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.set(`${this.committedPrefix}${id}`, '1', 'EX', 24 * 3_600);
    await pipeline.exec();
  }

  async isMarkedCommitted(id: string): Promise<boolean> {
    return (await this.redis.exists(`${this.committedPrefix}${id}`)) === 1;
  }

  async deadLetters(count = 100): Promise<DeadLetter[]> {
    const items = await this.redis.lrange(this.deadLetterKey, 0, count - 1);
    return items.map((item) => JSON.parse(item) as DeadLetter);
  }

  private async process(job: Job<DeliveryJob>, token: string | undefined): Promise<NotifierOutput> {
    const delivery = job.data;
    const ageMs = Date.now() - job.timestamp;
    if (!(await this.deps.committed(delivery, ageMs))) {
      if (ageMs > COMMIT_WAIT_MS)
        return { delivered: false, detail: 'superseded: the app never recorded this delivery' };
      // The commit normally lands within milliseconds; wait longer the longer it has not.
      await job.moveToDelayed(Date.now() + Math.min(8_000, Math.max(250, ageMs / 2)), token);
      throw new DelayedError();
    }
    const config = this.deps.currentConfig();
    const service = config?.services.get(delivery.service);
    if (!config || !service) throw new UnrecoverableError(`service ${delivery.service} is no longer configured`);
    // Secret values never reach job records, dead letters or events, whatever a plugin says.
    const redact = (text: string) => redactSecrets(text, Object.values(service.secrets));
    let output: NotifierOutput;
    try {
      output = await this.deps.runner.deliver({
        service,
        networks: config.settings.networks,
        timeoutMs: config.settings.timeoutMs,
        input: {
          service: service.name,
          serviceType: service.type,
          config: service.config,
          destination: delivery.destination,
          notification: delivery.notification,
          trigger: delivery.trigger,
          app: delivery.app,
          deliveryId: delivery.id,
        },
      });
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error));
      if (!retryableError(error)) throw new UnrecoverableError(message);
      throw new Error(message);
    }
    if (!output.delivered) {
      const detail = redact(output.detail ?? 'the notifier did not deliver');
      if (output.retryable === false) throw new UnrecoverableError(detail);
      throw new Error(detail);
    }
    this.deps.metrics.deliveries.inc({ notifier: delivery.service, succeeded: 'true', trigger: delivery.trigger });
    return output;
  }

  private async onFailed(job: Job<DeliveryJob>, error: Error): Promise<void> {
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const delivery = job.data;
    this.deps.metrics.deliveries.inc({ notifier: delivery.service, succeeded: 'false', trigger: delivery.trigger });
    const record: DeadLetter = {
      at: new Date().toISOString(),
      id: delivery.id,
      app: delivery.app,
      trigger: delivery.trigger,
      service: delivery.service,
      destination: delivery.destination,
      attempts: job.attemptsMade,
      error: error.message.slice(0, 2_000),
    };
    try {
      await this.redis
        .multi()
        .lpush(this.deadLetterKey, JSON.stringify(record))
        .ltrim(this.deadLetterKey, 0, DEAD_LETTER_MAX - 1)
        .exec();
    } catch (failure) {
      this.logger.warn(`cannot record dead letter ${delivery.id}: ${(failure as Error).message}`);
    }
    const [namespace = '', name = ''] = delivery.app.split('/');
    await this.deps.events.warn(
      { namespace, name, uid: delivery.uid },
      'NotificationDeliveryFailed',
      `trigger ${delivery.trigger} → ${delivery.service}:${delivery.destination} failed after ${job.attemptsMade} attempt(s): ${record.error}`,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const { worker } of this.queues.values()) await worker.close().catch(() => undefined);
    for (const { queue } of this.queues.values()) await queue.close().catch(() => undefined);
  }
}
