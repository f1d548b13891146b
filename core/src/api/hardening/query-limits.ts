// Static limits on a GraphQL document, checked before anything executes
// (security.md, GraphQL hardening): nesting depth, aliases (one request asking
// for the same expensive field a thousand times) and tokens (parser DoS, set
// through graphql-js `maxTokens`). Introspection fields do not count towards
// depth, as graphql-armor's default, so schema tools keep working.
import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  parse,
  visit,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 15, maxAliases: 15, maxTokens: 10_000 };

export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of context.getDocument().definitions)
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      const depth = selectionDepth(operation.selectionSet, fragments, new Set(), maxDepth + 1);
      if (depth > maxDepth)
        context.reportError(new GraphQLError(`query is nested deeper than ${maxDepth} levels`, { nodes: [operation] }));
    },
  });
}

export function maxAliasesRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias !== undefined) aliases += 1;
      },
      Document: {
        leave(document) {
          if (aliases > maxAliases)
            context.reportError(
              new GraphQLError(`query uses ${aliases} aliases; at most ${maxAliases} are allowed`, {
                nodes: [document],
              }),
            );
        },
      },
    };
  };
}

/** Depth of a selection set, following fragments once per path; stops counting past `cap`. */
function selectionDepth(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visiting: Set<string>,
  cap: number,
): number {
  if (cap <= 0) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      depth = selection.selectionSet ? 1 + selectionDepth(selection.selectionSet, fragments, visiting, cap - 1) : 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(selection.selectionSet, fragments, visiting, cap);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment === undefined || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      depth = selectionDepth(fragment.selectionSet, fragments, visiting, cap);
      visiting.delete(fragment.name.value);
    }
    deepest = Math.max(deepest, depth);
    if (deepest >= cap) return deepest;
  }
  return deepest;
}

/**
 * The same limits for a graphql-ws `subscribe` message (graphql-ws validates
 * with its own rules): the errors to answer with, or undefined to go on.
 */
export function subscriptionLimitErrors(query: string, limits: QueryLimits): GraphQLError[] | undefined {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError('query cannot be parsed')];
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const errors: GraphQLError[] = [];
  for (const definition of document.definitions)
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      selectionDepth(definition.selectionSet, fragments, new Set(), limits.maxDepth + 1) > limits.maxDepth
    )
      errors.push(new GraphQLError(`query is nested deeper than ${limits.maxDepth} levels`));
  let aliases = 0;
  visit(document, {
    Field(field) {
      if (field.alias !== undefined) aliases += 1;
    },
  });
  if (aliases > limits.maxAliases)
    errors.push(new GraphQLError(`query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`));
  return errors.length > 0 ? errors : undefined;
}
