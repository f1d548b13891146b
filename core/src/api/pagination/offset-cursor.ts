// Opaque Relay cursors for lists served from an ordered snapshot: the cursor
// encodes the position after which the next page starts.
import { GraphQLError } from 'graphql';

const prefix = 'offset:';

export function encodeCursor(index: number): string {
  return Buffer.from(`${prefix}${index}`).toString('base64url');
}

/** The index after which to start, or -1 without a cursor. Throws BAD_USER_INPUT for a malformed cursor. */
export function decodeCursor(cursor: string | undefined | null): number {
  if (cursor === undefined || cursor === null) return -1;
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const index = Number(decoded.slice(prefix.length));
  if (!decoded.startsWith(prefix) || !Number.isInteger(index) || index < 0) {
    throw new GraphQLError(`"after" is not a cursor returned by this API: ${JSON.stringify(cursor)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return index;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/** An edge whose cursor is encoded only if asked for: list clients rarely ask for each edge's. */
class OffsetEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly index: number,
  ) {}

  get cursor(): string {
    return encodeCursor(this.index);
  }
}

/**
 * Slices an ordered list into a Relay page of at most `first` edges after
 * `after`, each item turned into its node by `toNode`.
 */
export function paginate<T, N = T>(
  items: readonly T[],
  first: number,
  after: string | undefined | null,
  toNode: (item: T) => N = (item) => item as unknown as N,
): Page<N> {
  if (!Number.isInteger(first) || first < 1 || first > 1000) {
    throw new GraphQLError(`"first" must be a whole number from 1 to 1000, got ${first}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const start = decodeCursor(after) + 1;
  const edges = items.slice(start, start + first).map((item, offset) => new OffsetEdge(toNode(item), start + offset));
  return {
    edges,
    pageInfo: { hasNextPage: start + first < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: items.length,
  };
}
