import { Context, Query, Resolver } from '@nestjs/graphql';
import { describeCapabilities } from '@driftless/plugin-sdk';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { PluginHost } from '../plugin-host.service';
import { PluginConflictModel, PluginModel } from './plugin.model';

// What the plugin host runs; installing over the API is PluginMutationsResolver
// (Plugin resources).
@Resolver(() => PluginModel)
export class PluginsResolver {
  constructor(
    private readonly host: PluginHost,
    private readonly rbac: RbacAuthorizer,
  ) {}

  @Query(() => [PluginModel], {
    description: 'Built-in and installed plugins the caller may get (plugins, get, <id>) and their state',
  })
  async plugins(@Context() context: AuthContext): Promise<PluginModel[]> {
    const visible = await this.rbac.filter(principalOf(context), 'plugins', this.host.list(), (status) => status.id);
    return visible.map((status) => ({
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

  @Query(() => [PluginConflictModel], {
    description: 'Keys claimed by more than one plugin, and who wins; for callers who may get every plugin',
  })
  async pluginConflicts(@Context() context: AuthContext): Promise<PluginConflictModel[]> {
    return (await this.rbac.can(principalOf(context), 'get', 'plugins', '*')) ? this.host.conflicts() : [];
  }
}
