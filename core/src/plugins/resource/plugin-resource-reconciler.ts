// Installs what Plugin resources declare: each resource whose spec changed
// (generation ≠ status.observedGeneration) is fetched, verified, granted and
// stored exactly as `driftless plugin install` would, and its status says the
// outcome; a deleted resource uninstalls its plugin. The plugin host follows
// the store. A watch on Plugin resources drives it (every event re-lists, so a
// missed event costs nothing but time); a periodic list (resync) backs it up,
// and the watch restarts when the server ends it.
import { CustomObjectsApi, type KubeConfig, Watch } from '@kubernetes/client-node';
import { Logger } from '@nestjs/common';
import { PluginError } from '@driftless/plugin-sdk';
import { kubeStatusCode } from '../../kube/api-status';
import { type PluginInstaller } from '../install/plugin-installer';
import { type PluginStore } from '../install/plugin-store';
import {
  PLUGIN_GROUP,
  PLUGIN_PLURAL,
  PLUGIN_VERSION,
  type PluginResource,
  type PluginResourceStatus,
} from './plugin-crd';

export interface ReconcilerOptions {
  namespace: string;
  defaultRegistry: string;
  /** Full re-list even without events. */
  resyncMs: number;
  /** Wait before re-opening a watch that ended or failed (e.g. CRD not installed yet); default 5 s. */
  rewatchMs?: number;
}

export class PluginResourceReconciler {
  private readonly logger = new Logger('PluginResources');
  private readonly api: CustomObjectsApi;
  private timer: NodeJS.Timeout | undefined;
  private rewatchTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** An event arrived during a reconcile: run once more after it. */
  private again = false;
  private stopped = false;
  private lastListFailure = '';
  private watchAbort: AbortController | undefined;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly store: PluginStore,
    private readonly installer: PluginInstaller,
    private readonly options: ReconcilerOptions,
  ) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  start(): void {
    this.kick();
    void this.watchResources();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.rewatchTimer);
    this.watchAbort?.abort();
    await this.running;
  }

  /** Reconciles now, or right after the reconcile in progress; then waits for events or the resync. */
  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.reconcileAll()
      .catch((error: unknown) => this.reportListFailure(error))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
          return;
        }
        this.timer = setTimeout(() => this.kick(), this.options.resyncMs);
      });
  }

  private async watchResources(): Promise<void> {
    if (this.stopped) return;
    const path = `/apis/${PLUGIN_GROUP}/${PLUGIN_VERSION}/namespaces/${this.options.namespace}/${PLUGIN_PLURAL}`;
    const rewatch = () => {
      if (this.stopped) return;
      clearTimeout(this.rewatchTimer);
      this.rewatchTimer = setTimeout(() => {
        // Events may have been missed while no watch was open.
        this.kick();
        void this.watchResources();
      }, this.options.rewatchMs ?? 5_000);
    };
    try {
      this.watchAbort = await new Watch(this.kubeConfig).watch(
        path,
        {},
        () => this.kick(),
        // Ended by the server, failed, or aborted by stop(): listing failures are reported by the reconcile.
        () => rewatch(),
      );
    } catch {
      rewatch();
    }
  }

  /** Says once (not every resync) that listing fails, e.g. because the Plugin CRD is not installed. */
  private reportListFailure(error: unknown): void {
    const message = describe(error);
    if (message === this.lastListFailure) return;
    this.lastListFailure = message;
    const missingCrd = kubeStatusCode(error) === 404;
    this.logger.warn(
      missingCrd
        ? `Plugin resources are not served by the cluster: the plugins.${PLUGIN_GROUP} CRD is not installed — apply it to install plugins declaratively`
        : `listing Plugin resources failed: ${message}`,
    );
  }

  async reconcileAll(): Promise<void> {
    const list = (await this.api.listNamespacedCustomObject({
      group: PLUGIN_GROUP,
      version: PLUGIN_VERSION,
      namespace: this.options.namespace,
      plural: PLUGIN_PLURAL,
    })) as { items: PluginResource[] };
    this.lastListFailure = '';
    for (const resource of list.items) {
      if (resource.status?.observedGeneration !== resource.metadata.generation) await this.reconcile(resource);
    }
    const declared = new Set(list.items.map((resource) => resource.metadata.name));
    for (const installed of await this.store.list()) {
      if (installed.managedBy === 'PluginResource' && !declared.has(installed.id)) {
        await this.installer.uninstall(installed.id);
        this.logger.log(`uninstalled ${installed.id}: its Plugin resource was deleted`);
      }
    }
  }

  private async reconcile(resource: PluginResource): Promise<void> {
    const { name } = resource.metadata;
    const { spec } = resource;
    const observedGeneration = resource.metadata.generation ?? 0;
    let status: PluginResourceStatus;
    try {
      const enabled = spec.enabled !== false;
      const installed = await this.installer.apply(
        spec.package,
        {
          registry: spec.registry ?? this.options.defaultRegistry,
          grants: spec.grants ?? {},
          ...(spec.integrity ? { integrity: spec.integrity } : {}),
        },
        name,
      );
      await this.installer.setEnabled(name, enabled, 'PluginResource');
      status = {
        phase: enabled ? 'Installed' : 'Disabled',
        observedGeneration,
        installedVersion: installed.active,
        integrity: installed.versions[installed.active]?.integrity ?? '',
        requestedCapabilities: installed.requested,
        message: '',
      };
    } catch (error) {
      if (!(error instanceof PluginError)) this.logger.error(`Plugin ${name}: ${describe(error)}`);
      status = { phase: 'Failed', observedGeneration, message: describe(error) };
    }
    await this.api.replaceNamespacedCustomObjectStatus({
      group: PLUGIN_GROUP,
      version: PLUGIN_VERSION,
      namespace: this.options.namespace,
      plural: PLUGIN_PLURAL,
      name,
      body: { ...resource, status },
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
