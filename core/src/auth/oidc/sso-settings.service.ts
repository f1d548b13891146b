import { Inject, Injectable, Logger } from '@nestjs/common';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp, KubeHttpError } from '../../kube/kube-http';
import { secretValues } from '../../kube/secret-values';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { ArgocdSecretStore } from '../accounts/argocd-secret.store';
import {
  OIDC_CONFIG_KEY,
  type SsoSettingsResult,
  externalSecretReferences,
  ssoSettingsFromArgocdCm,
} from './oidc-config';

/** The label a Secret needs before `$<secret>:<key>` may read it (Argo CD's rule). */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';

interface SecretObject {
  metadata?: { labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/**
 * The SSO settings of argocd-cm (`oidc.config`, `url`,
 * `oidc.tls.insecure.skip.verify`) with their Secret references resolved.
 * Reads go through the settings and argocd-secret caches (1–5 s); Secrets
 * named by `$<secret>:<key>` are re-read at most every 5 s. A problem with the
 * settings is logged once, as one line, until it changes.
 */
@Injectable()
export class SsoSettingsService {
  private readonly logger = new Logger('sso');
  private readonly http: KubeHttp;
  private readonly secretsCache = new Map<
    string,
    { at: number; values: Promise<Record<string, string> | undefined> }
  >();
  private lastReported: string | undefined;
  private lastParsed: { inputs: unknown[]; result: SsoSettingsResult } | undefined;
  private references: { raw: string; secrets: { secret: string; key: string }[] } | undefined;
  /** How long a referenced Secret is reused. */
  ttlMs = 5_000;

  constructor(
    private readonly settings: SettingsConfigMaps,
    private readonly argocdSecret: ArgocdSecretStore,
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.http = new KubeHttp(cluster.kubeConfig, 10_000);
  }

  /** The current settings; never throws (an unreadable ConfigMap or Secret is an `invalid` result). */
  async current(): Promise<SsoSettingsResult> {
    let result: SsoSettingsResult;
    try {
      result = await this.read();
    } catch (error) {
      result = {
        kind: 'invalid',
        problem: `SSO settings cannot be read: ${((error as Error).message ?? String(error)).split('\n')[0]}`,
      };
    }
    this.report(result);
    return result;
  }

  /** Logs one line when the settings' state changes (an error, warnings, or working again). */
  private report(result: SsoSettingsResult): void {
    const line =
      result.kind === 'invalid'
        ? `error:${result.problem}`
        : result.kind === 'ready'
          ? `ready:${result.settings.oidc.issuer}:${result.warnings.join('|')}`
          : `disabled:${result.reason}`;
    if (line === this.lastReported) return;
    const first = this.lastReported === undefined;
    this.lastReported = line;
    if (result.kind === 'invalid') this.logger.error(`SSO is unavailable: ${result.problem}; local login still works`);
    else if (result.kind === 'ready') {
      for (const warning of result.warnings) this.logger.warn(warning);
      this.logger.log(`SSO: OpenID provider ${result.settings.oidc.issuer} (client ${result.settings.oidc.clientID})`);
    } else if (!first || result.reason.includes('dex.config')) this.logger.log(result.reason);
  }

  private async read(): Promise<SsoSettingsResult> {
    const argocdCm = await this.settings.data('argocd-cm');
    const raw = argocdCm[OIDC_CONFIG_KEY];
    if (raw === undefined || raw.trim() === '') return ssoSettingsFromArgocdCm(argocdCm, () => undefined);
    const own = await this.argocdSecret.values();
    const external = new Map<string, Record<string, string> | undefined>();
    if (this.references?.raw !== raw) this.references = { raw, secrets: externalSecretReferences(raw) };
    for (const { secret } of this.references.secrets)
      if (!external.has(secret)) external.set(secret, await this.labelledSecret(secret));
    // Every SSO request re-checks the settings: while the cached reads are the same objects, so is the answer.
    const inputs = [argocdCm, own, ...external.values()];
    const last = this.lastParsed;
    if (
      last !== undefined &&
      last.inputs.length === inputs.length &&
      last.inputs.every((item, i) => item === inputs[i])
    )
      return last.result;
    const result = ssoSettingsFromArgocdCm(argocdCm, (reference) => {
      if (Object.hasOwn(own, reference)) return own[reference];
      const separator = reference.indexOf(':');
      if (separator <= 0) return undefined;
      const values = external.get(reference.slice(0, separator));
      const key = reference.slice(separator + 1);
      return values !== undefined && Object.hasOwn(values, key) ? values[key] : undefined;
    });
    this.lastParsed = { inputs, result };
    return result;
  }

  /** A Secret's values when it exists and is labelled part-of argocd; undefined otherwise. */
  private labelledSecret(name: string): Promise<Record<string, string> | undefined> {
    const hit = this.secretsCache.get(name);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.values;
    const values = this.http
      .getJson<SecretObject>(`/api/v1/namespaces/${this.config.namespace}/secrets/${encodeURIComponent(name)}`)
      .then(
        (secret) => (secret.metadata?.labels?.[PART_OF_LABEL] === 'argocd' ? secretValues(secret) : undefined),
        (error: unknown) => {
          if (error instanceof KubeHttpError && error.status === 404) return undefined;
          throw error;
        },
      );
    this.secretsCache.set(name, { at: Date.now(), values });
    values.catch(() => this.secretsCache.delete(name));
    return values;
  }
}
