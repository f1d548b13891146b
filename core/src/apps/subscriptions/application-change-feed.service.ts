import { CoreV1Api } from '@kubernetes/client-node';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { kubeStatusCode } from '../../kube/api-status';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { ProjectReader } from '../../projects/project-reader.service';
import { ApplicationIndex } from '../index/application-index.service';

/** Changes to one app within this window go out once (a sync patches status several times in a row). */
export const COALESCE_MS = 100;
/** How often the RBAC inputs (argocd-rbac-cm, AppProjects) are looked at while anyone subscribes. */
export const POLICY_CHECK_MS = 1_000;
/** A policy read slower than this is skipped; the next tick tries again. */
const POLICY_READ_TIMEOUT_MS = 5_000;
/** RbacAuthorizer reuses its AppProjects read this long: a role change is looked at again after it. */
const AUTHORIZER_PROJECTS_TTL_MS = 1_000;

export interface FeedSubscriber {
  /** An application changed (key `<namespace>/<name>`); called at most once per key per window. */
  changed(key: string): void;
  /** The policy changed: any app may have become visible or invisible. */
  policyChanged(): void;
}

/**
 * The applicationChanges subscribers of this API replica, fed from the
 * replica's ApplicationIndex (each replica watches Applications itself, so
 * nothing crosses Redis). Index changes are coalesced per key over COALESCE_MS;
 * an RBAC policy change (argocd-rbac-cm or any AppProject) is noticed within
 * POLICY_CHECK_MS and makes every subscriber look at every app again, since no
 * Application changed then.
 */
@Injectable()
export class ApplicationChangeFeed implements OnApplicationShutdown {
  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private policyTimer: NodeJS.Timeout | undefined;
  /** The RBAC inputs as last read; undefined until the first read after start. */
  private policyFingerprint: string | undefined;
  private checkingPolicy = false;
  private stopListening: (() => void) | undefined;

  private readonly core: CoreV1Api;

  constructor(
    private readonly index: ApplicationIndex,
    private readonly settings: SettingsConfigMaps,
    private readonly projects: ProjectReader,
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  }

  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    if (this.subscribers.size === 1) this.start();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stop();
    };
  }

  onApplicationShutdown(): void {
    this.subscribers.clear();
    this.stop();
  }

  private start(): void {
    this.stopListening = this.index.onChange((key) => {
      this.pending.add(key);
      this.flushTimer ??= setTimeout(() => this.flush(), COALESCE_MS);
    });
    void this.checkPolicy();
    this.policyTimer = setInterval(() => void this.checkPolicy(), POLICY_CHECK_MS);
    this.policyTimer.unref();
  }

  private stop(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    clearTimeout(this.flushTimer);
    clearInterval(this.policyTimer);
    this.flushTimer = undefined;
    this.policyTimer = undefined;
    this.policyFingerprint = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const keys = [...this.pending];
    this.pending.clear();
    for (const subscriber of this.subscribers) for (const key of keys) subscriber.changed(key);
  }

  /** One read at a time: a slow or failed read skips ticks, it never queues them or wedges the check. */
  private async checkPolicy(): Promise<void> {
    if (this.checkingPolicy) return;
    this.checkingPolicy = true;
    try {
      const current = await this.currentPolicy();
      if (current === undefined || this.subscribers.size === 0) return;
      const previous = this.policyFingerprint;
      this.policyFingerprint = current;
      if (previous === undefined || previous === current) return;
      this.notifyPolicyChanged();
      // The authorizer may still hold the previous settings or AppProjects for a moment: look again once it cannot.
      const settled = Math.max(this.settings.ttlMs, AUTHORIZER_PROJECTS_TTL_MS) + 100;
      setTimeout(() => this.notifyPolicyChanged(), settled).unref();
    } finally {
      this.checkingPolicy = false;
    }
  }

  private notifyPolicyChanged(): void {
    for (const subscriber of this.subscribers) subscriber.policyChanged();
  }

  /**
   * The resourceVersions of what RBAC decisions are made of (argocd-rbac-cm,
   * every AppProject), or undefined when they cannot be read in time. Versions,
   * not contents: a policy changed and changed back between two looks still
   * counts, since a subscriber may have been sent something in between.
   */
  private async currentPolicy(): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), POLICY_READ_TIMEOUT_MS)),
    );
    const read = Promise.all([this.rbacConfigMapVersion(), this.projects.list()]).then(
      ([rbac, projects]) =>
        [
          rbac,
          ...projects.map((project) => `${project.metadata.name ?? ''}@${project.metadata.resourceVersion ?? ''}`),
        ].join(','),
      () => undefined,
    );
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async rbacConfigMapVersion(): Promise<string> {
    try {
      const configMap = await this.core.readNamespacedConfigMap({
        name: 'argocd-rbac-cm',
        namespace: this.config.namespace,
      });
      return configMap.metadata?.resourceVersion ?? '';
    } catch (error) {
      if (kubeStatusCode(error) === 404) return 'absent';
      throw error;
    }
  }
}
