import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { type Context as WsContext } from 'graphql-ws';
import { AuthModule } from '../auth/auth.module';
import { GraphqlAuthService } from '../auth/graphql/graphql-auth.service';
import { requireAuthenticationPlugin } from '../auth/graphql/require-authentication.plugin';
import { type KernelConfig } from '../config/config.schema';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin';
import { DEFAULT_QUERY_LIMITS, maxAliasesRule, maxDepthRule, subscriptionLimitErrors } from './hardening/query-limits';
import { ServerEventsResolver } from './server-events/server-events.resolver';
import { VersionResolver } from './version/version.resolver';

const limitRules = [maxDepthRule(DEFAULT_QUERY_LIMITS.maxDepth), maxAliasesRule(DEFAULT_QUERY_LIMITS.maxAliases)];

/** Path of the GraphQL endpoint, for HTTP and graphql-ws alike. */
export const GRAPHQL_PATH = '/api/graphql';

/**
 * The GraphQL endpoint (code-first: the SDL is generated from the resolver
 * classes and committed to schema/graphql/schema.graphql, checked by tests).
 * Feature modules provide their own resolvers; see schema-resolvers.ts.
 *
 * Every operation needs a verified token except `login` and `version`
 * (auth/graphql): HTTP requests are refused before any resolver runs, graphql-ws
 * connections at connection_init (4403). CSRF prevention stays on (no simple
 * requests, no mutations over GET), batching off, and documents are limited
 * in depth, aliases and tokens (hardening/query-limits.ts).
 */
@Module({})
export class ApiModule {
  static forRoot(config: KernelConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [GraphqlAuthService],
          useFactory: (auth: GraphqlAuthService): ApolloDriverConfig => ({
            path: GRAPHQL_PATH,
            autoSchemaFile: true,
            sortSchema: true,
            playground: false,
            introspection: !config.production,
            includeStacktraceInErrorResponses: !config.production,
            hideSchemaDetailsFromClientErrors: config.production,
            csrfPrevention: true,
            allowBatchedHttpRequests: false,
            parseOptions: { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens },
            validationRules: limitRules,
            context: (argument: Parameters<GraphqlAuthService['context']>[0]) => auth.context(argument),
            // Cache hints are unused: Apollo's default cacheControl plugin only wraps every field resolver.
            plugins: [requireAuthenticationPlugin(), ApolloServerPluginCacheControlDisabled()],
            subscriptions: {
              'graphql-ws': {
                path: GRAPHQL_PATH,
                onConnect: (context: WsContext) => auth.onConnect(context),
                // graphql-ws parses and validates on its own; the same limits apply to subscriptions.
                onSubscribe: (_context: WsContext, _id: string, payload: { query: string }) =>
                  subscriptionLimitErrors(payload.query, DEFAULT_QUERY_LIMITS),
              },
            },
          }),
        }),
      ],
      providers: [VersionResolver, ServerEventsResolver, GraphqlMetricsPlugin],
    };
  }
}
