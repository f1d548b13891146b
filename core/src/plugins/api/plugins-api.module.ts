import { Module } from '@nestjs/common';
import { PluginMutationsResolver } from './plugin-mutations.resolver';
import { PluginsResolver } from './plugins.resolver';

/** The plugins part of the GraphQL API (server role); PluginHost comes from the global PluginsModule. */
@Module({ providers: [PluginsResolver, PluginMutationsResolver] })
export class PluginsApiModule {}
