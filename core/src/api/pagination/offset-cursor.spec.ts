import { GraphQLError } from 'graphql';
import { decodeCursor, paginate } from './offset-cursor';

const letters = ['a', 'b', 'c', 'd', 'e'];

describe('paginate', () => {
  it('walks a list page by page with the end cursor', () => {
    const first = paginate(letters, 2, undefined);
    expect(first.edges.map((edge) => edge.node)).toEqual(['a', 'b']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(5);
    const second = paginate(letters, 2, first.pageInfo.endCursor);
    expect(second.edges.map((edge) => edge.node)).toEqual(['c', 'd']);
    const last = paginate(letters, 2, second.pageInfo.endCursor);
    expect(last.edges.map((edge) => edge.node)).toEqual(['e']);
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: last.edges[0]?.cursor });
  });

  it("turns items into nodes, and any edge's cursor resumes after it", () => {
    const page = paginate(letters, 3, undefined, (letter) => letter.toUpperCase());
    expect(page.edges.map((edge) => edge.node)).toEqual(['A', 'B', 'C']);
    const fromSecond = paginate(letters, 2, page.edges[1]?.cursor);
    expect(fromSecond.edges.map((edge) => edge.node)).toEqual(['c', 'd']);
  });

  it('returns an empty page past the end', () => {
    const page = paginate(letters, 10, paginate(letters, 5, undefined).pageInfo.endCursor);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('rejects a bad page size or cursor as user input errors', () => {
    expect(() => paginate(letters, 0, undefined)).toThrow('"first" must be a whole number from 1 to 1000, got 0');
    let error: unknown;
    try {
      decodeCursor('not-a-cursor');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  });
});
