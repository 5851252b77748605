import { dropNodes, type CachedEdge, type CachedList } from '../../lib/cachedConnection';

export type { CachedEdge, CachedList };

// Pure edits of a cached `notifications` connection, used by the live subscription and by "mark as read".

/** A list kept for `unreadOnly: true` (the cache names each list by its arguments). */
export function isUnreadOnlyList(storeFieldName: string): boolean {
  return /"unreadOnly":true/.test(storeFieldName);
}

/** A new (unread) notification at the top of a list, counted once however often it arrives. */
export function prependNotification<Node>(
  list: CachedList<Node>,
  edge: CachedEdge<Node>,
  idOf: (node: Node) => string | undefined,
): CachedList<Node> {
  const id = idOf(edge.node);
  const edges = list.edges ?? [];
  if (edges.some((e) => idOf(e.node) === id)) return list;
  return {
    ...list,
    edges: [edge, ...edges],
    ...(typeof list.unreadCount === 'number' ? { unreadCount: list.unreadCount + 1 } : {}),
    ...(typeof list.totalCount === 'number' ? { totalCount: list.totalCount + 1 } : {}),
  };
}

export interface MarkRead {
  /** The notifications marked, or every one. */
  ids: ReadonlySet<string> | 'all';
  /** How many of them were unread before. */
  newlyRead: number;
}

/**
 * The list after notifications were read: fewer unread; an unread-only list also loses them
 * (all of them, and its further pages, for "mark all").
 */
export function markReadInList<Node>(
  list: CachedList<Node>,
  change: MarkRead,
  unreadOnly: boolean,
  idOf: (node: Node) => string | undefined,
): CachedList<Node> {
  const next: CachedList<Node> = { ...list };
  if (typeof list.unreadCount === 'number') next.unreadCount = change.ids === 'all' ? 0 : Math.max(0, list.unreadCount - change.newlyRead);
  if (!unreadOnly) return next;
  if (change.ids === 'all') {
    next.edges = [];
    next.pageInfo = { ...list.pageInfo, hasNextPage: false };
    if (typeof list.totalCount === 'number') next.totalCount = 0;
    return next;
  }
  return dropNodes(next, change.ids, idOf);
}
