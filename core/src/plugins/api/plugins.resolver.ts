import { Query, Resolver } from '@nestjs/graphql';
import { describeCapabilities } from '@driftless/plugin-sdk';
import { PluginHost } from '../plugin-host.service';
import { PluginConflictModel, PluginModel } from './plugin.model';

// Read-only for now: installing over the API waits for authentication and the
// RBAC resource `plugins` (a later issue); until then installation is the
// offline `driftless plugin install` on the plugin store.
@Resolver(() => PluginModel)
export class PluginsResolver {
  constructor(private readonly host: PluginHost) {}

  @Query(() => [PluginModel], { description: 'Built-in and installed plugins and their state' })
  plugins(): PluginModel[] {
    return this.host.list().map((status) => ({
      id: status.id,
      version: status.version,
      extensionPoint: status.extensionPoint,
      origin: status.origin,
      state: status.state,
      error: status.error ?? null,
      precedence: status.precedence,
      grantedCapabilities: describeCapabilities(status.grants),
      coldStartMs: status.coldStartMs ?? null,
    }));
  }

  @Query(() => [PluginConflictModel], { description: 'Keys claimed by more than one plugin, and who wins' })
  pluginConflicts(): PluginConflictModel[] {
    return this.host.conflicts();
  }
}
