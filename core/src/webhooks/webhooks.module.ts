import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { WebhookBodyInstaller } from './webhook-body.installer';
import { WebhookController } from './webhook.controller';
import { WebhookKube } from './webhook-kube';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookSecretsService } from './webhook-secrets.service';
import { WebhookTargetsService } from './webhook-targets.service';
import { WebhookService } from './webhook.service';

/** Git webhooks (`POST /api/webhook`): refresh the Applications a push concerns. Server role. */
@Module({
  imports: [AppsModule],
  controllers: [WebhookController],
  providers: [
    WebhookKube,
    WebhookMetrics,
    WebhookSecretsService,
    WebhookTargetsService,
    WebhookService,
    WebhookBodyInstaller,
  ],
})
export class WebhooksModule {}
