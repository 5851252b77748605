import { badInput } from './errors.js';
import { isUuid } from './ids.js';

/** Relay pagination without GraphQL types: the resolver layer gives these shapes their object types. */
export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface PageInput {
  first?: number | null;
  after?: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfoShape;
  /** A thunk, so the COUNT query only runs when a client asks for totalCount. */
  totalCount: number | (() => Promise<number>);
}

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0) throw badInput('`first` must be a whole number from 0 to 100.', 'first');
  return Math.min(first, MAX_PAGE);
}

/** For lists that refuse (rather than cap) a page larger than `MAX_PAGE`: the staff console's lists. */
export function strictPageSize(first: number | null | undefined): void {
  if (typeof first === 'number' && first > MAX_PAGE) throw badInput('`first` must be a whole number from 0 to 100.', 'first');
  pageSize(first);
}

/** Cursors are opaque: base64url JSON of the sort key of the last row. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string | null | undefined, shape: readonly ('string' | 'number')[]): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((part, i) => typeof part === shape[i]))
      return key as (string | number)[];
  } catch {
    /* falls through to the error below */
  }
  throw badInput('The `after` cursor is not one this API gave out.', 'after');
}

/**
 * The keyset pagination every list uses. `fetch` gets the page size plus one (to learn whether there is a
 * next page) and the decoded sort key of the previous page's last row.
 */
export async function paginate<Row, Node = Row>(
  options: PageInput & {
    cursorShape: readonly ('string' | 'number')[];
    fetch: (limit: number, after: (string | number)[] | null) => Promise<Row[]>;
    keyOf: (row: Row) => (string | number)[];
    count: () => Promise<number>;
    toNode?: (row: Row) => Node;
  },
): Promise<ConnectionShape<Node>> {
  const size = pageSize(options.first);
  const after = decodeCursor(options.after, options.cursorShape);
  const rows = size === 0 ? [] : await options.fetch(size + 1, after);
  const page = rows.slice(0, size);
  const toNode = options.toNode ?? ((row: Row) => row as unknown as Node);
  const edges = page.map((row) => ({ cursor: encodeCursor(options.keyOf(row)), node: toNode(row) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: options.count,
  };
}

export function emptyConnection<T>(): ConnectionShape<T> {
  return {
    edges: [],
    nodes: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: 0,
  };
}

/**
 * The decoded `(created_at, id)` cursor of a keyset page, checked before it reaches SQL: a cursor of the right
 * shape but with a bad date or id is a BAD_USER_INPUT, not a 500. `[null, null]` for the first page.
 */
export function timeKeyAfter(after: (string | number)[] | null): [string | null, string | null] {
  if (!after) return [null, null];
  const [time, id] = after;
  if (typeof time !== 'string' || Number.isNaN(Date.parse(time)) || !/^\d{4}-\d\d-\d\dT/.test(time) || !isUuid(id)) {
    throw badInput('The `after` cursor is not one this API gave out.', 'after');
  }
  return [time, id];
}

/** `(created_at, id) < cursor` (newest first) or `>` (oldest first) on `alias`, with its params. */
export function keysetSql(alias: string, after: (string | number)[] | null, direction: 'desc' | 'asc'): { sql: string; params: unknown[] } {
  const [time, id] = timeKeyAfter(after);
  if (!time) return { sql: 'true', params: [] };
  const op = direction === 'desc' ? '<' : '>';
  return { sql: `(${alias}.created_at, ${alias}.id) ${op} (?::timestamptz, ?::uuid)`, params: [time, id] };
}

/** Cursor key of a row with `createdAt` and `id`. */
export const timeKey = (row: { createdAt: Date; id: string }): string[] => [row.createdAt.toISOString(), row.id];
