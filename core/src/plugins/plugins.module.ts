import { Module } from '@nestjs/common';
import { PluginHost } from './plugin-host.service';
import { PluginMetrics } from './plugin-metrics.service';
import { PluginsModuleBase } from './plugins.module-definition';
import { PluginResourcesService } from './resource/plugin-resources.service';

/**
 * The plugin host (sandbox, registry, metrics) and, with a plugin store, the
 * Plugin resource reconciler. MetricsService, the cluster connection and the
 * kernel config come from global modules.
 */
@Module({
  providers: [PluginMetrics, PluginHost, PluginResourcesService],
  exports: [PluginHost],
})
export class PluginsModule extends PluginsModuleBase {}
