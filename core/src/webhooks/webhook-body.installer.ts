import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SettingsConfigMaps } from '../kube/settings-config-maps.service';
import {
  DEFAULT_MAX_PAYLOAD_MB,
  maxPayloadBytes,
  WEBHOOK_PATH,
  webhookBodyMiddleware,
} from './webhook-body.middleware';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookService } from './webhook.service';

/**
 * Mounts the webhook body middleware on the Express app when Nest creates this provider —
 * before `app.init()` registers the global body parsers, which would otherwise read (and
 * cap at 100 KiB) a JSON webhook body first. See webhook-body.middleware.ts.
 */
@Injectable()
export class WebhookBodyInstaller {
  constructor(
    adapterHost: HttpAdapterHost,
    settings: SettingsConfigMaps,
    webhooks: WebhookService,
    metrics: WebhookMetrics,
  ) {
    adapterHost.httpAdapter.use(
      WEBHOOK_PATH,
      webhookBodyMiddleware({
        limitBytes: () => settings.data('argocd-cm').then(maxPayloadBytes, () => DEFAULT_MAX_PAYLOAD_MB * 1024 * 1024),
        budget: webhooks.bodyBudget,
        onRefused: (status) =>
          metrics.requests.inc({ provider: 'unknown', outcome: status === 413 ? 'too_large' : 'rejected' }),
      }),
    );
  }
}
