import { isReference, type ApolloCache } from '@apollo/client/core';

/** What the API's `contentRemoved` names: a post, comment, room or chat message, or a suspended `User`. */
export interface RemovedSubject {
  subjectType: string;
  subjectId: string;
}

/** The field naming who wrote each kind of content a suspended user's removal drops. */
const AUTHOR_FIELD: Record<string, string> = { Post: 'author', Comment: 'author', ChatMessage: 'author', FacechatRoom: 'owner' };

type StoreObject = Record<string, unknown> & { __typename?: string };

/** Lists whose holder shows a count of them: that count is asked again when one of their items is dropped. */
const COUNTED_LISTS: Record<string, string> = { comments: 'commentCount', replies: 'replyCount' };

/** Cache ids and count fields of the entities (a post, a comment) whose counted lists hold any of `ids`. */
function countsHolding(store: Record<string, StoreObject | undefined>, ids: Set<string>): { id: string; fieldName: string }[] {
  const found: { id: string; fieldName: string }[] = [];
  for (const [id, entity] of Object.entries(store)) {
    for (const [storeName, value] of Object.entries(entity ?? {})) {
      const countField = COUNTED_LISTS[storeName.split(/[(:]/)[0]!];
      const edges = (value as { edges?: { node?: unknown }[] } | null)?.edges;
      if (countField && edges?.some((edge) => isReference(edge.node) && ids.has(edge.node.__ref)))
        found.push({ id, fieldName: countField });
    }
  }
  return found;
}

/** Cache ids of what `subject` takes away: the entity itself, or everything cached that the suspended user wrote. */
export function removedCacheIds(cache: ApolloCache<unknown>, subject: RemovedSubject): string[] {
  if (subject.subjectType !== 'User') {
    const id = cache.identify({ __typename: subject.subjectType, id: subject.subjectId });
    return id ? [id] : [];
  }
  const user = cache.identify({ __typename: 'User', id: subject.subjectId });
  const store = cache.extract() as Record<string, StoreObject | undefined>;
  return Object.entries(store)
    .filter(([, entity]) => {
      const field = entity?.__typename ? AUTHOR_FIELD[entity.__typename] : undefined;
      const author = field ? entity?.[field] : undefined;
      return isReference(author) && author.__ref === user;
    })
    .map(([id]) => id);
}

/**
 * Drops removed content from every open list at once: lists skip edges whose node no longer resolves
 * (relayStylePagination's read), and a single field pointing at it (an open post page's `post(id)`) reads null —
 * the page's not-found state — instead of a dangling reference that would be asked of the server again.
 * Returns how many entities were dropped.
 */
export function dropRemoved(cache: ApolloCache<unknown>, subject: RemovedSubject): number {
  const held = cache.extract() as Record<string, StoreObject | undefined>;
  const ids = new Set(removedCacheIds(cache, subject).filter((id) => held[id]));
  if (ids.size === 0) return 0;
  cache.modify({ id: 'ROOT_QUERY', fields: (value) => (isReference(value) && ids.has(value.__ref) ? null : value) });
  // "Comments (3)" must not stay at 3: the count is asked of the server again (it knows what else was hidden).
  for (const count of countsHolding(held, ids)) cache.evict(count);
  for (const id of ids) cache.evict({ id });
  cache.gc();
  return ids.size;
}
