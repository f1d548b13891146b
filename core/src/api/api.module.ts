import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { lexicographicSortSchema } from 'graphql';
import { type IncomingMessage } from 'node:http';
import { type Context as WsContext } from 'graphql-ws';
import { AuthModule } from '../auth/auth.module';
import { GraphqlAuthService } from '../auth/graphql/graphql-auth.service';
import { requireAuthenticationPlugin } from '../auth/graphql/require-authentication.plugin';
import { type Principal } from '../auth/principal';
import { type KernelConfig } from '../config/config.schema';
import { CompiledQueryExecutor } from './execution/compiled-query-executor';
import { MetricsService } from '../metrics/metrics.service';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin';
import { ApiHardeningModule } from './hardening/api-hardening.module';
import { ApiRateLimits, rateLimitSubject } from './hardening/api-rate-limits';
import { queryCostPlugin } from './hardening/query-cost';
import { DEFAULT_QUERY_LIMITS, maxAliasesRule, maxDepthRule, subscriptionLimitErrors } from './hardening/query-limits';
import { rateLimitPlugin, rateLimitedError } from './hardening/rate-limit.plugin';
import { ServerEventsResolver } from './server-events/server-events.resolver';
import { SettingsResolver } from './settings/settings.resolver';
import { CONNECTION_INIT_WAIT_MS } from './subscriptions/connection-limits';
import { VersionResolver } from './version/version.resolver';

const limitRules = [maxDepthRule(DEFAULT_QUERY_LIMITS.maxDepth), maxAliasesRule(DEFAULT_QUERY_LIMITS.maxAliases)];

/** Path of the GraphQL endpoint, for HTTP and graphql-ws alike. */
export const GRAPHQL_PATH = '/api/graphql';

/**
 * The GraphQL endpoint (code-first: the SDL is generated from the resolver
 * classes and committed to schema/graphql/schema.graphql, checked by tests).
 * Feature modules provide their own resolvers; see schema-resolvers.ts.
 *
 * Every operation needs a verified token except `login`, `version` and `settings`
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
          imports: [AuthModule, ApiHardeningModule],
          inject: [GraphqlAuthService, ApiRateLimits, MetricsService],
          useFactory: (
            auth: GraphqlAuthService,
            limits: ApiRateLimits,
            metrics: MetricsService,
          ): ApolloDriverConfig => {
            const executor = new CompiledQueryExecutor((kind) => metrics.graphqlExecutions.inc({ executor: kind }));
            return {
              path: GRAPHQL_PATH,
              autoSchemaFile: true,
              // Sorted here rather than by Nest (which sorts after transformSchema) so the executor serves
              // the very schema Apollo validates against.
              transformSchema: (schema) => executor.serve(lexicographicSortSchema(schema)),
              // Apollo's one hook for replacing execution (see execution/compiled-query-executor.ts);
              // Nest's config type leaves it out, Apollo takes it from the options Nest passes through.
              ...({ gateway: executor } as object),
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
              plugins: [
                requireAuthenticationPlugin(),
                rateLimitPlugin(limits),
                queryCostPlugin(),
                ApolloServerPluginCacheControlDisabled(),
              ],
              subscriptions: {
                'graphql-ws': {
                  path: GRAPHQL_PATH,
                  // No connection_init within this: 4408 (a second one: 4429, graphql-ws's own rule).
                  connectionInitWaitTimeout: CONNECTION_INIT_WAIT_MS,
                  onConnect: (context: WsContext) => auth.onConnect(context),
                  // graphql-ws parses and validates on its own; the same limits apply to subscriptions,
                  // and each subscribe message spends the principal's budget as an HTTP operation does.
                  onSubscribe: async (context: WsContext, _id: string, payload: { query: string }) => {
                    const limitErrors = subscriptionLimitErrors(payload.query, DEFAULT_QUERY_LIMITS);
                    if (limitErrors !== undefined) return limitErrors;
                    const { principal, request } = context.extra as { principal?: Principal; request: IncomingMessage };
                    const decision = await limits.consume(rateLimitSubject(principal, request.socket.remoteAddress));
                    return decision.allowed ? undefined : [rateLimitedError(decision.retryAfterSeconds)];
                  },
                },
              },
            };
          },
        }),
      ],
      providers: [VersionResolver, ServerEventsResolver, SettingsResolver, GraphqlMetricsPlugin],
    };
  }
}
