import { GraphQLError } from 'graphql';
import { PERMISSION_DENIED_MESSAGE } from '../../rbac';
import { type AuthContext, type Principal } from '../principal';

/** Apollo's conventions: `extensions.code` UNAUTHENTICATED (HTTP 401) without a valid token. */
export function unauthenticated(message = 'authentication required: log in or send a valid token'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** One message for "forbidden" and "no such object" (guarded-lookup.ts). */
export function forbidden(): GraphQLError {
  return new GraphQLError(PERMISSION_DENIED_MESSAGE, { extensions: { code: 'FORBIDDEN' } });
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** The request's principal; resolvers of non-public fields call this (the auth plugin has already refused anonymous requests). */
export function principalOf(context: AuthContext): Principal {
  if (context.principal === undefined) throw unauthenticated();
  return context.principal;
}
