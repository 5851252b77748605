import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when omitted.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0) throw badInput('`first` must be a whole number from 0 to 100.', 'first');
  return Math.min(first, MAX_PAGE);
}

/** Cursors are opaque: base64url JSON of the sort key of the last row. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, shape: readonly ('string' | 'number')[]): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((part, i) => typeof part === shape[i])) return key;
  } catch {
    /* falls through to the error below */
  }
  throw badInput('The `after` cursor is not one this API gave out.', 'after');
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A thunk, so the COUNT query only runs when a client asks for totalCount. */
  totalCount: number | (() => Promise<number>);
}

/**
 * The keyset pagination every list uses. `fetch` gets the page size plus one (to learn
 * whether there is a next page) and the decoded sort key of the previous page's last row.
 */
export async function paginate<Row, Node = Row>(options: {
  first?: number | null;
  after?: string | null;
  cursorShape: readonly ('string' | 'number')[];
  fetch: (limit: number, after: (string | number)[] | null) => Promise<Row[]>;
  keyOf: (row: Row) => (string | number)[];
  count: () => Promise<number>;
  toNode?: (row: Row) => Node;
}): Promise<ConnectionShape<Node>> {
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

/** `XEdge` and `XConnection` object types named as the contract names them. */
export function connectionTypes<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [nodeType]) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return { Edge, Connection };
}
