import { type Capabilities, type PluginPackageJson } from '@driftless/plugin-sdk';
import { type PluginOrigin } from './registry/plugin-registry';

export type PluginState = 'active' | 'disabled' | 'failed';

/** What the kernel knows about one plugin, as listed by the CLI and the API. */
export interface PluginStatus {
  id: string;
  version: string;
  extensionPoint: string;
  origin: PluginOrigin;
  state: PluginState;
  /** Why it failed to load, when state is failed. */
  error?: string;
  precedence: number;
  grants: Capabilities;
  coldStartMs?: number;
  packageJson: PluginPackageJson;
}
