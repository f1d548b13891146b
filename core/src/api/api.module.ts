import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { type KernelConfig } from '../config/config.schema';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin';
import { ServerEventsResolver } from './server-events/server-events.resolver';
import { VersionResolver } from './version/version.resolver';

/** Path of the GraphQL endpoint, for HTTP and graphql-ws alike. */
export const GRAPHQL_PATH = '/api/graphql';

/**
 * The GraphQL endpoint (code-first: the SDL is generated from the resolver
 * classes and committed to schema/graphql/schema.graphql, checked by tests).
 * Feature modules provide their own resolvers; see schema-resolvers.ts.
 */
@Module({})
export class ApiModule {
  static forRoot(config: KernelConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: GRAPHQL_PATH,
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          introspection: !config.production,
          includeStacktraceInErrorResponses: !config.production,
          subscriptions: { 'graphql-ws': { path: GRAPHQL_PATH } },
        }),
      ],
      providers: [VersionResolver, ServerEventsResolver, GraphqlMetricsPlugin],
    };
  }
}
