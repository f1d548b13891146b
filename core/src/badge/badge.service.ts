import { Inject, Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/control-plane-token';
import { KubeHttp, KubeHttpError } from '../kube/kube-http';
import { SettingsConfigMaps } from '../kube/settings-config-maps.service';
import { appNamespaceFilter } from '../projects/enforcement/app-namespace';
import { type BadgeRequest, isValidAppName, isValidNamespace } from './badge-request';
import { type BadgeView } from './badge-svg';
import { applicationBadge, notFoundBadge, unknownBadge } from './badge-view';

export type BadgeAnswer = { kind: 'badge'; view: BadgeView } | { kind: 'bad-request' };

/**
 * The status badge as Argo CD serves it: only when argocd-cm `statusbadge.enabled` is "true";
 * apps of the control-plane namespace, or of a namespace argocd-cmd-params-cm
 * `application.namespaces` enables, named by `namespace=`.
 */
@Injectable()
export class BadgeService {
  private readonly http: KubeHttp;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    private readonly settings: SettingsConfigMaps,
  ) {
    this.http = new KubeHttp(cluster.kubeConfig, 10_000);
  }

  async badge(request: BadgeRequest): Promise<BadgeAnswer> {
    const badge = (view: BadgeView): BadgeAnswer => ({ kind: 'badge', view });
    const argocdCm = await this.settings.data('argocd-cm').catch((): Record<string, string> => ({}));
    if (argocdCm['statusbadge.enabled'] !== 'true') return badge(notFoundBadge(request));
    // Malformed names are refused as Argo CD does; that says nothing about which apps exist.
    if (request.namespace !== undefined && !isValidNamespace(request.namespace)) return { kind: 'bad-request' };
    if (request.name !== undefined && !isValidAppName(request.name)) return { kind: 'bad-request' };
    if (request.name === undefined) return badge(notFoundBadge(request));
    const namespace = request.namespace ?? this.config.namespace;
    if (!(await this.namespaceEnabled(namespace))) return badge(notFoundBadge(request));
    try {
      const app = await this.http.getJson<Application>(
        `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/applications/${request.name}`,
      );
      return badge(applicationBadge(app, request));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return badge(notFoundBadge(request));
      return badge(unknownBadge(request));
    }
  }

  private async namespaceEnabled(namespace: string): Promise<boolean> {
    if (namespace === this.config.namespace) return true;
    const params = await this.settings.data('argocd-cmd-params-cm').catch((): Record<string, string> => ({}));
    const patterns = (params['application.namespaces'] ?? '')
      .split(',')
      .map((pattern) => pattern.trim())
      .filter(Boolean);
    return patterns.length > 0 && appNamespaceFilter(this.config.namespace, patterns)(namespace);
  }
}
