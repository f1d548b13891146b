import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { ListWatch } from '../kube/list-watch';
import { SettingsConfigMaps } from '../kube/settings-config-maps.service';
import { appNamespaceFilter } from '../projects/enforcement/app-namespace';
import { WebhookKube } from './webhook-kube';
import { toWebhookTarget, type WebhookTarget } from './webhook-target';

/**
 * The Applications a webhook may refresh, kept current by a list+watch and reduced to
 * WebhookTargets: those in the control-plane namespace, or — when argocd-cmd-params-cm
 * `application.namespaces` names others — in any namespace it matches, as the controller
 * watches them. Started by the first webhook, so a server that receives none lists nothing.
 */
@Injectable()
export class WebhookTargetsService implements OnApplicationShutdown {
  private readonly targets = new Map<string, WebhookTarget>();
  private watch: ListWatch<Application> | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly kube: WebhookKube,
    private readonly settings: SettingsConfigMaps,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  /** Resolves once the first list is in; rejects when it failed (the next call tries again). */
  ready(): Promise<void> {
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  all(): Iterable<WebhookTarget> {
    return this.targets.values();
  }

  get(key: string): WebhookTarget | undefined {
    return this.targets.get(key);
  }

  /** A copy of an app newer than the watch has delivered (a patch's answer). */
  observed(app: Application): void {
    if (this.targets.has(`${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`)) this.put(app);
  }

  onApplicationShutdown(): void {
    this.watch?.stop();
  }

  private async start(): Promise<void> {
    const params = await this.settings.data('argocd-cmd-params-cm');
    const appNamespaces = (params['application.namespaces'] ?? '')
      .split(',')
      .map((pattern) => pattern.trim())
      .filter(Boolean);
    const watched = appNamespaceFilter(this.config.namespace, appNamespaces);
    const path =
      appNamespaces.length > 0
        ? '/apis/argoproj.io/v1alpha1/applications'
        : `/apis/argoproj.io/v1alpha1/namespaces/${this.config.namespace}/applications`;
    const watch = new ListWatch<Application>(this.kube.http, path, {
      replace: (apps) => {
        this.targets.clear();
        for (const app of apps) if (watched(app.metadata.namespace)) this.put(app);
      },
      event: (type, app) => {
        if (!watched(app.metadata.namespace)) return;
        if (type === 'DELETED') this.targets.delete(`${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`);
        else this.put(app);
      },
    });
    try {
      await watch.start();
    } catch (error) {
      watch.stop();
      throw new Error(`listing Applications: ${(error as Error).message}`);
    }
    this.watch = watch;
  }

  private put(app: Application): void {
    const target = toWebhookTarget(app);
    this.targets.set(target.key, target);
  }
}
