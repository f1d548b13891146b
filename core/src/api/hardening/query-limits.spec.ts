import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { DEFAULT_QUERY_LIMITS, maxAliasesRule, maxDepthRule, subscriptionLimitErrors } from './query-limits';

const schema = buildSchema(`
  type Node { name: String, child: Node }
  type Query { node: Node, version: String }
`);

const errorsOf = (source: string, rules = [maxDepthRule(4), maxAliasesRule(3)]) =>
  validate(schema, parse(source), [...specifiedRules, ...rules]).map((error) => error.message);

describe('query limits', () => {
  it('accepts queries within the depth and alias limits, and introspection', () => {
    expect(errorsOf('{ node { child { child { name } } } }')).toEqual([]);
    expect(errorsOf('{ a: version b: version c: version }')).toEqual([]);
    expect(errorsOf(getIntrospectionQuery())).toEqual([]);
  });

  it('refuses a query nested too deep, also through fragments', () => {
    expect(errorsOf('{ node { child { child { child { name } } } } }')).toEqual([
      'query is nested deeper than 4 levels',
    ]);
    expect(
      errorsOf(
        '{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { child { name } } }',
      ),
    ).toEqual(['query is nested deeper than 4 levels']);
  });

  it('refuses too many aliases, counted across the document', () => {
    expect(errorsOf('{ a: version b: version ...F } fragment F on Query { c: version d: version }')).toEqual([
      'query uses 4 aliases; at most 3 are allowed',
    ]);
  });

  it('does not loop on fragment cycles (reported by the standard rules)', () => {
    const errors = errorsOf('{ node { ...A } } fragment A on Node { child { ...A } }');
    expect(errors.some((message) => message.includes('Cannot spread fragment "A" within itself'))).toBe(true);
  });

  it('checks subscription documents alike, and their token count', () => {
    const limits = { ...DEFAULT_QUERY_LIMITS, maxDepth: 2, maxAliases: 1, maxTokens: 50 };
    expect(subscriptionLimitErrors('subscription { node { name } }', limits)).toBeUndefined();
    expect(subscriptionLimitErrors('subscription { node { child { name } } }', limits)?.map((e) => e.message)).toEqual([
      'query is nested deeper than 2 levels',
    ]);
    expect(
      subscriptionLimitErrors('subscription { a: node { name } b: node { name } }', limits)?.map((e) => e.message),
    ).toEqual(['query uses 2 aliases; at most 1 are allowed']);
    expect(subscriptionLimitErrors(`subscription { ${'node '.repeat(60)} }`, limits)?.[0]?.message).toMatch(
      /more that 50 tokens/,
    );
  });
});
