import { type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { type AuthContext } from '../principal';
import { unauthenticated } from './auth-errors';

/** Root fields anyone may ask for: the login itself, the server version (README quickstart), the public settings. */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set(['login', 'version', 'settings', '__typename']);

/** Whether an operation asks only for public root fields (fragments at the root count as private). */
export function isPublicOperation(operation: OperationDefinitionNode | undefined): boolean {
  if (operation === undefined || operation.operation === OperationTypeNode.SUBSCRIPTION) return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && PUBLIC_ROOT_FIELDS.has(selection.name.value),
  );
}

/**
 * Refuses every HTTP operation without a verified principal unless it is
 * public, before any resolver runs. (graphql-ws connections are refused in
 * `onConnect` instead: no principal, no connection.)
 */
export function requireAuthenticationPlugin(): ApolloServerPlugin<AuthContext> {
  return {
    requestDidStart(): Promise<GraphQLRequestListener<AuthContext>> {
      return Promise.resolve({
        didResolveOperation({ operation, contextValue }) {
          if (contextValue.principal === undefined && !isPublicOperation(operation)) throw unauthenticated();
          return Promise.resolve();
        },
      });
    },
  };
}
