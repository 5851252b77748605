/**
 * The pure part of the paginator (no Vue, no Apollo): what a Relay connection shows and the
 * variables of its next page. The pages themselves are merged by the cache's
 * `relayStylePagination` field policies (lib/apollo.ts), tested in pagedConnection.test.ts.
 */
export interface PageInfoLike {
  hasNextPage: boolean;
  endCursor?: string | null;
}

export interface Connection<N> {
  totalCount?: number;
  edges: readonly { node: N; cursor?: string }[];
  pageInfo: PageInfoLike;
}

export type PageVariables = { first?: number | null; after?: string | null };

/** The nodes of a connection, in order. */
export function nodesOf<N>(connection: Connection<N> | null | undefined): N[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}

/** The variables of the page after `connection`, or null when there is none (or no cursor to start from). */
export function nextPageVariables<V extends object>(
  connection: Pick<Connection<unknown>, 'pageInfo'> | null | undefined,
  variables: V,
  pageSize: number,
): (V & { first: number; after: string }) | null {
  const info = connection?.pageInfo;
  if (!info?.hasNextPage || !info.endCursor) return null;
  return { ...variables, first: pageSize, after: info.endCursor };
}
