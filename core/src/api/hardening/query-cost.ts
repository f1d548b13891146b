// Static cost of an operation, checked before anything runs (security.md,
// GraphQL hardening: "static cost analysis with per-field costs and list
// multipliers; reject above budget"). Every field costs 1; a field that does
// real work declares more (`complexity` on its @Field/@ResolveField: a
// manifest render, a Kubernetes list); a paged list costs what one item asks
// for times the page size it asks for. So `application { manifests }` is
// cheap and `applications(first: 1000) { edges { node { manifests } } }` — a
// thousand renders in one request — is refused.
import { type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, type GraphQLSchema, type DocumentNode, Kind, visit } from 'graphql';
import {
  type ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';

/** What one operation may cost; a page of 1,000 applications with their status fits, renders do not. */
export const DEFAULT_MAX_COST = 100_000;

/** Costs of fields that do real work, used in their @ResolveField options. */
export const FIELD_COST = {
  /** Renders the sources through the repo-server. */
  render: 5_000,
  /** Lists or reads Kubernetes objects, or a key from Redis. */
  read: 50,
} as const;

/** A paged field (one with a `first` argument) costs its items times what each asks for. */
const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((argument) => argument.name === 'first')) return undefined;
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
  return 1 + childComplexity * first;
};

const estimators = [pageSizeEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    estimators,
    ...(variables ? { variables } : {}),
    ...(operationName ? { operationName } : {}),
  });
}

/**
 * The variables an operation's cost can depend on: those given to a `first`
 * argument (the page-size multiplier) or to a directive (@include, @skip).
 * Every other cost is fixed by the document.
 */
export function costVariables(document: DocumentNode): readonly string[] {
  const names = new Set<string>();
  let directives = 0;
  visit(document, {
    Directive: { enter: () => void (directives += 1), leave: () => void (directives -= 1) },
    Argument(argument) {
      if (argument.value.kind === Kind.VARIABLE && (directives > 0 || argument.name.value === 'first'))
        names.add(argument.value.name.value);
    },
  });
  return [...names].sort();
}

/**
 * Operation costs remembered per document and the values of its cost
 * variables: a client paging through a list sends the same document with a
 * new cursor each time, and the document's walk was 6% of a page's time.
 */
export class OperationCosts {
  private readonly variablesOf = new WeakMap<DocumentNode, readonly string[]>();
  private readonly costs = new LRUCache<string, number>({ max: 1_000 });

  cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    documentKey: string,
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined,
  ): number {
    let names = this.variablesOf.get(document);
    if (names === undefined) this.variablesOf.set(document, (names = costVariables(document)));
    // An absent variable (its default applies) differs from an explicit null.
    const values = names.map((name) => (variables && name in variables ? JSON.stringify(variables[name]) : '-'));
    const key = `${documentKey}\u0000${operationName ?? ''}\u0000${values.join('\u0000')}`;
    let cost = this.costs.get(key);
    if (cost === undefined) {
      cost = operationCost(schema, document, variables, operationName);
      this.costs.set(key, cost);
    }
    return cost;
  }
}

export function queryTooCostly(cost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `query costs ${cost}; at most ${maxCost} is allowed — ask for fewer items per page or fewer expensive fields (manifests, events, resource trees) per item`,
    { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } } },
  );
}

export function queryCostPlugin(maxCost = DEFAULT_MAX_COST): ApolloServerPlugin {
  const costs = new OperationCosts();
  return {
    requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
      return Promise.resolve({
        didResolveOperation({ schema, document, queryHash, request }) {
          let cost: number;
          try {
            cost = costs.cost(schema, document, queryHash, request.variables, request.operationName);
          } catch (error) {
            // Variables that do not fit their types: nothing will run, and Apollo answers BAD_USER_INPUT.
            if (error instanceof GraphQLError && error.message.startsWith('Variable "')) return Promise.resolve();
            throw error;
          }
          if (cost > maxCost) throw queryTooCostly(cost, maxCost);
          return Promise.resolve();
        },
      });
    },
  };
}
