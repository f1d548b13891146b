import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { type KernelConfig } from '../config/config.schema';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin';
import { ServerEventsResolver } from './server-events/server-events.resolver';
import { VersionResolver } from './version/version.resolver';

/** Every resolver of the API; the SDL generator reads the same list. */
export const apiResolvers = [VersionResolver, ServerEventsResolver];

/** Path of the GraphQL endpoint, for HTTP and graphql-ws alike. */
export const GRAPHQL_PATH = '/api/graphql';

/**
 * The GraphQL API (code-first: the SDL is generated from these classes and
 * committed to schema/graphql/schema.graphql, checked by a test).
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
      providers: [...apiResolvers, GraphqlMetricsPlugin],
    };
  }
}
