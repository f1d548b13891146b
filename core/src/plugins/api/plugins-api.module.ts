import { Module } from '@nestjs/common';
import { PluginsResolver } from './plugins.resolver';

/** The plugins part of the GraphQL API (server role); PluginHost comes from the global PluginsModule. */
@Module({ providers: [PluginsResolver] })
export class PluginsApiModule {}
