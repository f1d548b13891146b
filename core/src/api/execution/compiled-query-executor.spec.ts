import { type GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  GraphQLEnumType,
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import {
  CompiledQueryExecutor,
  type ExecutionKind,
  INTERPRETED_RUNS_BEFORE_COMPILING,
} from './compiled-query-executor';

const Health = new GraphQLEnumType({ name: 'Health', values: { HEALTHY: { value: 'Healthy' }, DEGRADED: {} } });
const Timestamp = new GraphQLScalarType({
  name: 'Timestamp',
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
});
const App = new GraphQLObjectType({
  name: 'App',
  fields: {
    name: { type: new GraphQLNonNull(GraphQLString) },
    health: { type: Health },
    createdAt: { type: Timestamp },
    labels: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    secret: {
      type: GraphQLString,
      resolve: () => {
        throw new GraphQLError('not allowed', { extensions: { code: 'FORBIDDEN' } });
      },
    },
    size: { type: GraphQLInt, resolve: async (app: { labels: string[] }) => Promise.resolve(app.labels.length) },
  },
});
const apps = [
  { name: 'web', health: 'Healthy', createdAt: new Date(Date.UTC(2026, 0, 2)), labels: ['a', 'b'] },
  { name: 'api', health: 'DEGRADED', createdAt: null, labels: [] },
];
const mutations: string[] = [];
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      apps: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(App))),
        args: { first: { type: GraphQLInt, defaultValue: 10 } },
        resolve: (_root, args: { first: number }, context: { caller: string }) =>
          context.caller === 'alice' ? apps.slice(0, args.first) : [],
      },
      broken: {
        type: new GraphQLNonNull(GraphQLString),
        resolve: () => {
          throw new GraphQLError('"first" must be a whole number', { extensions: { code: 'BAD_USER_INPUT' } });
        },
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      record: {
        type: GraphQLString,
        args: { value: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_root, args: { value: string }) => {
          mutations.push(args.value);
          return args.value;
        },
      },
    },
  }),
});

function requestFor(document: DocumentNode, variables: Record<string, unknown> = {}, caller = 'alice') {
  const operation = document.definitions[0] as OperationDefinitionNode;
  return {
    document,
    operation,
    operationName: operation.name?.value ?? null,
    queryHash: JSON.stringify(document.loc?.source.body),
    context: { caller },
    request: { variables },
  } as unknown as GatewayGraphQLRequestContext;
}

async function runs(executor: CompiledQueryExecutor, document: DocumentNode, times: number, variables = {}) {
  const answers: unknown[] = [];
  for (let run = 0; run < times; run += 1)
    answers.push(JSON.parse(JSON.stringify(await executor.execute(requestFor(document, variables)))));
  return answers;
}

describe('CompiledQueryExecutor', () => {
  let kinds: ExecutionKind[];
  let executor: CompiledQueryExecutor;

  beforeEach(async () => {
    kinds = [];
    executor = new CompiledQueryExecutor((kind) => kinds.push(kind));
    executor.serve(schema);
    await executor.load();
  });

  it('interprets a document until it repeats, then answers the same from compiled code', async () => {
    const document = parse(`query Apps($first: Int, $withLabels: Boolean!) {
      apps(first: $first) { __typename name state: health createdAt ...more size secret }
    }
    fragment more on App { labels @include(if: $withLabels) }`);
    const answers = await runs(executor, document, INTERPRETED_RUNS_BEFORE_COMPILING + 2, {
      first: 2,
      withLabels: true,
    });
    expect(kinds).toEqual(['interpreted', 'interpreted', 'compiled', 'compiled']);
    expect(executor.compiledCount).toBe(1);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({
      data: {
        apps: [
          {
            __typename: 'App',
            name: 'web',
            state: 'HEALTHY',
            createdAt: '2026-01-02T00:00:00.000Z',
            labels: ['a', 'b'],
          },
          { name: 'api', state: 'DEGRADED', createdAt: null, labels: [], size: 0, secret: null },
        ],
      },
      errors: [
        { message: 'not allowed', path: ['apps', 0, 'secret'], extensions: { code: 'FORBIDDEN' } },
        { message: 'not allowed', path: ['apps', 1, 'secret'], extensions: { code: 'FORBIDDEN' } },
      ],
    });
  });

  it('keeps context and variables per request once compiled', async () => {
    const document = parse('query ($first: Int) { apps(first: $first) { name } }');
    await runs(executor, document, INTERPRETED_RUNS_BEFORE_COMPILING + 1, { first: 1 });
    expect(await executor.execute(requestFor(document, { first: 2 }))).toEqual({
      data: { apps: [{ name: 'web' }, { name: 'api' }] },
    });
    expect(await executor.execute(requestFor(document, { first: 2 }, 'mallory'))).toEqual({ data: { apps: [] } });
    expect(kinds.at(-1)).toBe('compiled');
  });

  it('answers a failing non-null root field with null data and the resolver error, compiled or not', async () => {
    const document = parse('{ broken }');
    const answers = await runs(executor, document, INTERPRETED_RUNS_BEFORE_COMPILING + 1);
    expect(kinds.at(-1)).toBe('compiled');
    for (const answer of answers)
      expect(answer).toEqual({
        data: null,
        errors: [
          {
            message: '"first" must be a whole number',
            locations: [{ line: 1, column: 3 }],
            path: ['broken'],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
  });

  it('never compiles mutations: each runs once, in order', async () => {
    const document = parse('mutation ($value: String!) { first: record(value: $value) second: record(value: "b") }');
    await runs(executor, document, INTERPRETED_RUNS_BEFORE_COMPILING + 2, { value: 'a' });
    expect(kinds).toEqual(Array.from({ length: INTERPRETED_RUNS_BEFORE_COMPILING + 2 }, () => 'interpreted'));
    expect(mutations.slice(-2)).toEqual(['a', 'b']);
    expect(executor.compiledCount).toBe(0);
  });

  it('forgets compiled documents when it is given a new schema', async () => {
    await runs(executor, parse('{ apps { name } }'), INTERPRETED_RUNS_BEFORE_COMPILING + 1);
    expect(executor.compiledCount).toBe(1);
    executor.serve(schema);
    expect(executor.compiledCount).toBe(0);
  });
});
