import { ConfigurableModuleBuilder } from '@nestjs/common';
import { type SandboxLimits } from '@driftless/plugin-sdk';

export interface PluginsModuleOptions {
  /** Runner processes in the pool. */
  runners?: number;
  /** Where built-in plugin packages live (plugins/<name>/). */
  builtinsDir?: string;
  /** Where installed plugins are stored; installation is unavailable without it. */
  storeDir?: string;
  /** Directories put first on the runners' PATH (bundled helm, kubectl). */
  toolDirs?: string[];
  /** Kernel maxima every plugin's requested limits are capped by. */
  maxima?: Partial<SandboxLimits>;
}

// Global: the plugin host serves every module of the kernel (health, notifications, the API, …).
export const { ConfigurableModuleClass: PluginsModuleBase, MODULE_OPTIONS_TOKEN: PLUGINS_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<PluginsModuleOptions>()
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
    .build();
