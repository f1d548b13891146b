// Queries run through graphql-jit once they repeat. graphql-js interprets every
// document anew: for a page of 100 applications that is ~1,500 field executions,
// each allocating argument maps and null-prototype result objects, and those
// objects then take JSON.stringify off its fast path. A compiled query does the
// same work in generated code that builds plain objects — about half the
// server's time per list page (bench/api.bench.ts, S8c).
//
// Apollo Server has one place to replace execution: the gateway interface, whose
// executor runs after parsing, validation and every plugin's
// didResolveOperation, and whose result still goes through Apollo's error
// formatting (codes, masking, didEncounterErrors). This class is that gateway,
// serving the schema Nest built.
import {
  type GatewayExecutionResult,
  type GatewayExecutor,
  type GatewayGraphQLRequestContext,
  type GatewayInterface,
  type GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { execute, type GraphQLSchema, OperationTypeNode } from 'graphql';
import { compileQuery, type CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * A document is interpreted this many times before it is compiled, so a
 * one-off document (or a flood of distinct ones) never pays for compilation,
 * which costs about as much as a few dozen interpreted runs.
 */
export const INTERPRETED_RUNS_BEFORE_COMPILING = 2;

/** How many documents keep their run count or compiled form; the least recently used are forgotten. */
export const COMPILED_QUERY_CACHE_SIZE = 500;

/** How an operation ran: generated code, or graphql-js walking the document. */
export type ExecutionKind = 'compiled' | 'interpreted';

interface QueryPlan {
  runs: number;
  /** The compiled form; null when graphql-jit could not compile it (then it stays interpreted). */
  compiled?: CompiledQuery | null;
}

export class CompiledQueryExecutor implements GatewayInterface {
  private schema: GraphQLSchema | undefined;
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private readonly plans = new LRUCache<string, QueryPlan>({ max: COMPILED_QUERY_CACHE_SIZE });

  /** `executed` hears how each operation ran (the executions metric). */
  constructor(private readonly executed: (kind: ExecutionKind) => void = () => undefined) {}

  /** Takes the executable schema (Nest's transformSchema hook) and hands it back unchanged. */
  serve(schema: GraphQLSchema): GraphQLSchema {
    this.schema = schema;
    this.plans.clear();
    for (const listener of this.listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
    return schema;
  }

  /** How many documents are compiled now (for tests and metrics). */
  get compiledCount(): number {
    let count = 0;
    for (const plan of this.plans.values()) if (plan.compiled) count += 1;
    return count;
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  load(): Promise<{ executor: GatewayExecutor }> {
    const schema = this.schema;
    if (schema === undefined) return Promise.reject(new Error('CompiledQueryExecutor: no schema to serve yet'));
    for (const listener of this.listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
    return Promise.resolve({ executor: (request) => this.execute(request) });
  }

  stop(): Promise<void> {
    this.listeners.clear();
    this.plans.clear();
    return Promise.resolve();
  }

  async execute(request: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
    const schema = this.schema;
    if (schema === undefined) throw new Error('CompiledQueryExecutor: no schema to serve');
    const { document, operationName, context } = request;
    const variables = request.request.variables;
    // Mutations stay with graphql-js: they are rare, bound by the work they start,
    // and their serial execution is the one place an executor difference would matter.
    const compiled = request.operation.operation === OperationTypeNode.QUERY ? this.compiledFor(request) : undefined;
    if (compiled) {
      this.executed('compiled');
      return compiled.query(undefined, context, variables);
    }
    this.executed('interpreted');
    return execute({ schema, document, operationName, contextValue: context, variableValues: variables });
  }

  private compiledFor(request: GatewayGraphQLRequestContext): CompiledQuery | undefined {
    const key = `${request.queryHash}\u0000${request.operationName ?? ''}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = { runs: 0 };
      this.plans.set(key, plan);
    }
    if (plan.compiled !== undefined) return plan.compiled ?? undefined;
    plan.runs += 1;
    if (plan.runs <= INTERPRETED_RUNS_BEFORE_COMPILING) return undefined;
    const result = compileQuery(this.schema as GraphQLSchema, request.document, request.operationName ?? undefined);
    plan.compiled = isCompiledQuery(result) ? result : null;
    return plan.compiled ?? undefined;
  }
}
