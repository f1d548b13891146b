// Argo CD's notification metrics under its names and labels, so existing dashboards work.
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

@Injectable()
export class NotificationMetrics {
  readonly deliveries: Counter<'notifier' | 'succeeded' | 'trigger'>;
  readonly triggerEvaluations: Counter<'name' | 'triggered'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.deliveries = new Counter({
      name: 'argocd_notifications_deliveries_total',
      help: 'Number of delivered notifications.',
      labelNames: ['notifier', 'succeeded', 'trigger'],
      registers,
    });
    this.triggerEvaluations = new Counter({
      name: 'argocd_notifications_trigger_eval_total',
      help: 'Number of trigger evaluations.',
      labelNames: ['name', 'triggered'],
      registers,
    });
  }
}
