import { Inject, Injectable } from '@nestjs/common';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { KubeHttpError } from '../kube/kube-http';
import { secretValues } from '../kube/secret-values';
import { WebhookKube } from './webhook-kube';
import { WEBHOOK_SECRET_NAME, type WebhookSecrets, webhookSecretsFrom } from './webhook-secrets';

/**
 * The webhook credentials of argocd-secret, read at most every few seconds (a storm of
 * events costs one read per TTL) and kept only in memory. A missing Secret means no
 * credentials, as in Argo CD; a failed read is an error (the caller answers 503), never
 * "no credentials", so an unreachable API server cannot switch verification off.
 */
@Injectable()
export class WebhookSecretsService {
  ttlMs = 5_000;
  private cached: { at: number; secrets: Promise<WebhookSecrets> } | undefined;

  constructor(
    private readonly kube: WebhookKube,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  secrets(): Promise<WebhookSecrets> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.secrets;
    const secrets = this.read();
    const entry = { at: Date.now(), secrets };
    this.cached = entry;
    secrets.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return secrets;
  }

  private async read(): Promise<WebhookSecrets> {
    const path = `/api/v1/namespaces/${this.config.namespace}/secrets/${WEBHOOK_SECRET_NAME}`;
    try {
      const secret = await this.kube.http.getJson<{ data?: Record<string, string> }>(path);
      return webhookSecretsFrom(secretValues(secret));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return {};
      throw new Error(`reading Secret ${WEBHOOK_SECRET_NAME}: ${(error as Error).message}`);
    }
  }
}
