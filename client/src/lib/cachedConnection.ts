/**
 * Pure edits of a cached Relay connection as relayStylePagination stores it (edges whose nodes
 * are cache references), for `cache.modify` after a mutation or a live event.
 */
export interface CachedEdge<Node> {
  __typename?: string;
  cursor: string;
  node: Node;
}

export interface CachedList<Node> {
  edges?: readonly CachedEdge<Node>[];
  pageInfo?: { hasNextPage?: boolean; [key: string]: unknown };
  unreadCount?: number;
  totalCount?: number;
  [key: string]: unknown;
}

/** The list without the given nodes (a request answered, a notification read), its total lowered as much. */
export function dropNodes<Node, L extends CachedList<Node>>(
  list: L,
  ids: ReadonlySet<string>,
  idOf: (node: Node) => string | undefined,
): L {
  const edges = (list.edges ?? []).filter((e) => !ids.has(idOf(e.node) ?? ''));
  const removed = (list.edges?.length ?? 0) - edges.length;
  if (!removed) return list;
  return { ...list, edges, ...(typeof list.totalCount === 'number' ? { totalCount: Math.max(0, list.totalCount - removed) } : {}) };
}
