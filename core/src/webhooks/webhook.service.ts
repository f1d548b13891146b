import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { appsToRefresh } from './app-matcher';
import { ByteBudget } from './bounded-body';
import { CoalescingQueue } from './coalescing-queue';
import { providerFor, type WebhookRequest } from './providers';
import { type PushEvent } from './push-event';
import { mergePushes, pushKey } from './push-merge';
import { requestRefresh } from './refresh-patcher';
import { WebhookKube } from './webhook-kube';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookSecretsService } from './webhook-secrets.service';
import { WebhookTargetsService } from './webhook-targets.service';
import { type WebhookTarget } from './webhook-target';

/** Distinct pushes (repository, ref) that may wait to be matched; beyond it requests get 503. */
export const PUSH_QUEUE_CAPACITY = 1_000;
/** Distinct Applications that may wait for their refresh patch. */
export const REFRESH_QUEUE_CAPACITY = 100_000;
/** Refresh patches sent to the API server at once. */
export const REFRESH_CONCURRENCY = 8;
/** Bytes all webhook bodies being received may hold together. */
export const BODY_BUDGET_BYTES = 256 * 1024 * 1024;
const RETRY_AFTER_SECONDS = 5;

export interface WebhookAnswer {
  status: number;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * A webhook request's path: the provider its headers name → its credential checked on the
 * raw body → the payload parsed into a PushEvent → queued. Two bounded, coalescing queues do
 * the rest off the request: pushes are matched against the Applications one at a time
 * (identical pushes waiting are matched once), and each matched app gets one refresh patch,
 * however many pushes matched it meanwhile, with at most REFRESH_CONCURRENCY patches in flight.
 */
@Injectable()
export class WebhookService implements OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  readonly bodyBudget = new ByteBudget(BODY_BUDGET_BYTES);
  private readonly pushes: CoalescingQueue<PushEvent>;
  private readonly refreshes: CoalescingQueue<WebhookTarget>;

  constructor(
    private readonly secrets: WebhookSecretsService,
    private readonly targets: WebhookTargetsService,
    private readonly kube: WebhookKube,
    private readonly metrics: WebhookMetrics,
  ) {
    this.pushes = new CoalescingQueue<PushEvent>({
      capacity: PUSH_QUEUE_CAPACITY,
      concurrency: 1,
      merge: mergePushes,
      run: (_key, push) => this.match(push),
      onError: (_key, error) => this.logger.warn(`matching a webhook push: ${error.message}`),
    });
    this.refreshes = new CoalescingQueue<WebhookTarget>({
      capacity: REFRESH_QUEUE_CAPACITY,
      concurrency: REFRESH_CONCURRENCY,
      merge: (_waiting, offered) => offered,
      run: async (key) => {
        // The app as the watch (or our last patch) shows it now: deleted, or already asked to refresh?
        const target = await this.targets.get(key);
        const patched = target ? await requestRefresh(this.kube.http, target) : undefined;
        if (patched) this.targets.observed(patched);
        this.metrics.refreshes.inc({ outcome: patched ? 'requested' : 'skipped' });
      },
      onError: (key, error) => {
        this.metrics.refreshes.inc({ outcome: 'failed' });
        this.logger.warn(`refreshing ${key} for a webhook: ${error.message}`);
      },
    });
  }

  async handle(request: WebhookRequest): Promise<WebhookAnswer> {
    const provider = providerFor(request.headers);
    if (!provider) {
      this.metrics.requests.inc({ provider: 'unknown', outcome: 'invalid' });
      return { status: 400, message: 'Unknown webhook event' };
    }
    const count = (outcome: string) => this.metrics.requests.inc({ provider: provider.name, outcome });
    let secrets;
    try {
      secrets = await this.secrets.secrets();
    } catch (error) {
      this.logger.warn(`cannot verify a ${provider.name} webhook: ${(error as Error).message}`);
      count('rejected');
      return unavailable('Webhook credentials cannot be read now');
    }
    const verification = provider.verify(request, secrets);
    if (!verification.ok) {
      this.logger.warn({ security: 3, provider: provider.name }, verification.reason);
      count('unauthorized');
      return { status: 401, message: 'Webhook authentication failed' };
    }
    const parsed = provider.parse(request);
    if (parsed.kind === 'invalid') {
      count('invalid');
      return { status: 400, message: `Webhook processing failed: ${parsed.reason}` };
    }
    if (parsed.kind === 'ignored') {
      count('ignored');
      return { status: 200, message: `Ignored: ${parsed.reason}` };
    }
    try {
      await this.targets.ready();
    } catch (error) {
      this.logger.warn(`cannot match a ${provider.name} webhook: ${(error as Error).message}`);
      count('rejected');
      return unavailable('Applications cannot be listed now');
    }
    if (this.pushes.offer(pushKey(parsed.event), parsed.event) === 'full') {
      this.logger.warn('webhook queue is full: a push was refused with 503');
      count('rejected');
      return unavailable('Queue is full, discarding webhook payload');
    }
    count('queued');
    return { status: 200, message: 'Queued' };
  }

  /** Resolves when every queued push is matched and every refresh patch sent (tests). */
  async settled(): Promise<void> {
    await this.pushes.idle();
    await this.refreshes.idle();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pushes.close();
    await this.refreshes.close();
  }

  private async match(push: PushEvent): Promise<void> {
    // One push per macrotask: matching is synchronous, and a backlog must not hold up requests.
    await new Promise((resolve) => setImmediate(resolve));
    const matched = appsToRefresh(push, await this.targets.all());
    let dropped = 0;
    for (const target of matched) if (this.refreshes.offer(target.key, target) === 'full') dropped += 1;
    if (dropped > 0) {
      this.metrics.refreshes.inc({ outcome: 'dropped' }, dropped);
      this.logger.warn(`webhook refresh queue is full: ${dropped} refreshes dropped (the next resync catches up)`);
    }
    this.logger.debug(
      `${push.provider} push to ${push.repoUrls[0] ?? ''} ${push.revision}: ${matched.length} applications to refresh`,
    );
  }
}

function unavailable(message: string): WebhookAnswer {
  return { status: 503, message, retryAfterSeconds: RETRY_AFTER_SECONDS };
}
