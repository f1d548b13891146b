import {
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { costVariables, FIELD_COST, OperationCosts, operationCost } from './query-cost';

const application = new GraphQLObjectType({
  name: 'Application',
  fields: {
    name: { type: GraphQLString },
    project: { type: GraphQLString },
    manifests: { type: new GraphQLList(GraphQLString), extensions: { complexity: FIELD_COST.render } },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      application: { type: application, args: { name: { type: new GraphQLNonNull(GraphQLString) } } },
      applications: {
        type: new GraphQLObjectType({
          name: 'Page',
          fields: { nodes: { type: new GraphQLList(application) }, totalCount: { type: GraphQLInt } },
        }),
        args: { first: { type: GraphQLInt, defaultValue: 100 } },
      },
    },
  }),
});
const cost = (query: string, variables?: Record<string, unknown>) =>
  operationCost(schema, parse(query), variables, undefined);

describe('operationCost', () => {
  it('counts one per field and what an expensive field declares', () => {
    expect(cost('{ application(name: "a") { name project } }')).toBe(3);
    expect(cost('{ application(name: "a") { manifests } }')).toBe(1 + FIELD_COST.render);
  });

  it('multiplies what each item of a page asks for by the page size, from arguments or variables', () => {
    expect(cost('{ applications { nodes { name } } }')).toBe(1 + 100 * 2);
    expect(cost('{ applications(first: 1000) { nodes { name project } totalCount } }')).toBe(1 + 1000 * 4);
    expect(cost('query ($n: Int) { applications(first: $n) { nodes { manifests } } }', { n: 1000 })).toBe(
      1 + 1000 * (1 + FIELD_COST.render),
    );
  });
});

describe('operationCost with variables that do not fit', () => {
  it('throws the variable error graphql-js would answer (the plugin leaves it to Apollo: BAD_USER_INPUT)', () => {
    expect(() => cost('query ($n: Int) { applications(first: $n) { totalCount } }', { n: 'many' })).toThrow(
      /^Variable "\$n" got invalid value "many"/,
    );
  });
});

describe('OperationCosts', () => {
  const paging = parse(`query ($n: Int, $after: String, $withManifests: Boolean!) {
    applications(first: $n, after: $after) { nodes { name manifests @include(if: $withManifests) } }
  }`);

  it('knows which variables a cost depends on: page sizes and directive conditions', () => {
    expect(costVariables(paging)).toEqual(['n', 'withManifests']);
  });

  it('answers as operationCost does whatever the cursor, and tells page sizes, absence and null apart', () => {
    const costs = new OperationCosts();
    const costOf = (variables: Record<string, unknown>) => costs.cost(schema, paging, 'hash', variables, undefined);
    for (const variables of [
      { n: 10, after: 'x', withManifests: false },
      { n: 10, after: 'y', withManifests: false },
      { n: 10, after: 'y', withManifests: true },
      { n: 1000, after: 'y', withManifests: false },
      { after: 'y', withManifests: false },
      { n: null, after: 'y', withManifests: false },
    ])
      expect(costOf(variables)).toBe(operationCost(schema, paging, variables, undefined));
    expect(costOf({ n: 10, withManifests: true })).toBe(1 + 10 * (1 + 1 + FIELD_COST.render));
    expect(costOf({ withManifests: false })).toBe(1 + 100 * 2);
    expect(costOf({ n: null, withManifests: false })).toBe(1 + 1 * 2);
  });
});
