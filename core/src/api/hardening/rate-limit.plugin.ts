// Spends a request's budget (api-rate-limits.ts) once its operation is known
// and authenticated, so a refusal never runs a resolver. Refusals are HTTP 429
// with Retry-After and the stable code RATE_LIMITED.
import { type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { type AuthContext } from '../../auth/principal';
import { type ApiRateLimits, rateLimitSubject } from './api-rate-limits';

export const RATE_LIMITED = 'RATE_LIMITED';

export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`too many requests; retry in ${retryAfterSeconds} s`, {
    extensions: {
      code: RATE_LIMITED,
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

export function rateLimitPlugin(limits: ApiRateLimits): ApolloServerPlugin<AuthContext> {
  return {
    requestDidStart(): Promise<GraphQLRequestListener<AuthContext>> {
      return Promise.resolve({
        async didResolveOperation({ contextValue }) {
          const decision = await limits.consume(rateLimitSubject(contextValue.principal, contextValue.clientAddress));
          if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds);
        },
      });
    },
  };
}
