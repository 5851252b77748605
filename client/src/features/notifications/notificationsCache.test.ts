import { describe, expect, it } from 'vitest';
import { dropNodes } from '../../lib/cachedConnection';
import { isUnreadOnlyList, markReadInList, prependNotification, type CachedList } from './notificationsCache';

type Node = { id: string };
const idOf = (n: Node) => n.id;
const list = (ids: string[], extra: Partial<CachedList<Node>> = {}): CachedList<Node> => ({
  edges: ids.map((id) => ({ cursor: `c${id}`, node: { id } })),
  pageInfo: { hasNextPage: true, endCursor: 'c9' },
  unreadCount: 2,
  totalCount: 10,
  ...extra,
});

describe('a live notification', () => {
  it('goes on top and counts as unread', () => {
    const next = prependNotification(list(['a', 'b']), { cursor: '', node: { id: 'n' } }, idOf);
    expect(next.edges!.map((e) => e.node.id)).toEqual(['n', 'a', 'b']);
    expect(next).toMatchObject({ unreadCount: 3, totalCount: 11, pageInfo: { hasNextPage: true, endCursor: 'c9' } });
  });

  it('is counted once when it arrives twice (another list, a refetch)', () => {
    const before = list(['n', 'a']);
    expect(prependNotification(before, { cursor: '', node: { id: 'n' } }, idOf)).toBe(before);
  });
});

describe('marking read', () => {
  it('lowers the unread count and keeps the items of a full list', () => {
    const next = markReadInList(list(['a', 'b']), { ids: new Set(['a']), newlyRead: 1 }, false, idOf);
    expect(next.unreadCount).toBe(1);
    expect(next.edges).toHaveLength(2);
    expect(markReadInList(list(['a']), { ids: new Set(['a']), newlyRead: 5 }, false, idOf).unreadCount).toBe(0);
  });

  it('drops read items from an unread-only list', () => {
    const next = markReadInList(list(['a', 'b'], { totalCount: 2 }), { ids: new Set(['a']), newlyRead: 1 }, true, idOf);
    expect(next.edges!.map((e) => e.node.id)).toEqual(['b']);
    expect(next).toMatchObject({ unreadCount: 1, totalCount: 1 });
  });

  it('"mark all" empties an unread-only list, further pages included', () => {
    const next = markReadInList(list(['a', 'b']), { ids: 'all', newlyRead: 2 }, true, idOf);
    expect(next).toMatchObject({ edges: [], unreadCount: 0, totalCount: 0, pageInfo: { hasNextPage: false, endCursor: 'c9' } });
    expect(markReadInList(list(['a', 'b']), { ids: 'all', newlyRead: 2 }, false, idOf)).toMatchObject({ unreadCount: 0, totalCount: 10 });
  });

  it('tells the lists apart by their arguments', () => {
    expect(isUnreadOnlyList('notifications:{"first":20,"unreadOnly":true}')).toBe(true);
    expect(isUnreadOnlyList('notifications:{"first":8}')).toBe(false);
    expect(isUnreadOnlyList('notifications:{"first":20,"unreadOnly":false}')).toBe(false);
  });
});

describe('dropNodes', () => {
  it('removes the given nodes and lowers the total, leaving an untouched list as it was', () => {
    const before = list(['a', 'b', 'c']);
    expect(dropNodes(before, new Set(['b', 'x']), idOf)).toMatchObject({
      edges: [{ node: { id: 'a' } }, { node: { id: 'c' } }],
      totalCount: 9,
    });
    expect(dropNodes(before, new Set(['x']), idOf)).toBe(before);
  });
});
