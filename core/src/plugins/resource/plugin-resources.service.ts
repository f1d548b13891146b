import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { CONTROL_PLANE_CLUSTER } from '../../kube/kube.module';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { PluginInstaller } from '../install/plugin-installer';
import { PluginStore } from '../install/plugin-store';
import { verifyInSandbox } from '../install/verify-bundle';
import { PLUGINS_MODULE_OPTIONS, type PluginsModuleOptions } from '../plugins.module-definition';
import { PluginResourceReconciler } from './plugin-resource-reconciler';

/** Runs the Plugin resource reconciler in the kernel when a plugin store is configured. */
@Injectable()
export class PluginResourcesService implements OnApplicationBootstrap, OnModuleDestroy {
  private reconciler: PluginResourceReconciler | undefined;

  constructor(
    @Inject(PLUGINS_MODULE_OPTIONS) private readonly options: PluginsModuleOptions,
    @Inject(CONTROL_PLANE_CLUSTER) private readonly cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.storeDir) return;
    const store = new PluginStore(this.options.storeDir);
    this.reconciler = new PluginResourceReconciler(
      this.cluster.kubeConfig,
      store,
      new PluginInstaller(store, verifyInSandbox),
      {
        namespace: this.config.namespace,
        defaultRegistry: process.env.npm_config_registry ?? 'https://registry.npmjs.org',
        // The watch drives it; the resync is a backstop.
        resyncMs: 300_000,
      },
    );
    this.reconciler.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.reconciler?.stop();
  }
}
