import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

/** Webhook figures in the process's registry. */
@Injectable()
export class WebhookMetrics {
  readonly requests: Counter<'provider' | 'outcome'>;
  readonly refreshes: Counter<'outcome'>;

  constructor(metrics: MetricsService) {
    this.requests = new Counter({
      name: 'driftless_webhook_requests_total',
      help: 'Git webhook requests, by provider and outcome (queued, ignored, invalid, unauthorized, rejected, too_large)',
      labelNames: ['provider', 'outcome'] as const,
      registers: [metrics.registry],
    });
    this.refreshes = new Counter({
      name: 'driftless_webhook_refreshes_total',
      help: 'Application refreshes webhooks asked for, by outcome (requested, skipped, dropped, failed)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
  }
}
