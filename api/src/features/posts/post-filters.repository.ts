import { containsPattern, eitherHidden, removedHiddenSql, suspendedHiddenSql } from '../accounts/index.js';
import { blockedSql, feedAuthorsSql, privateHiddenSql } from '../friends/index.js';
import type { PostFilter } from './posts.rows.js';

// Which posts a viewer may see, as SQL fragments: the posts repository's lists and the features that compose
// post visibility into their own reads (likes, comments, media, notifications; wired in server/compose.ts).

/** SQL predicate for media: `mediaAlias` is attached to a post (media's `node(id)` visibility; composed in server/compose.ts). */
export function postMediaSql(mediaAlias: string): { sql: string; params: unknown[] } {
  return { sql: `exists (select 1 from post_media _pm where _pm.media_id = ${mediaAlias}.id)`, params: [] };
}

/**
 * SQL predicate for media: `mediaAlias` is attached to a post the viewer may see (media's `node(id)` reachability):
 * a removed post, or one whose author is hidden from the viewer, does not lend its photos.
 */
export function visiblePostMediaSql(mediaAlias: string, viewerId: string | null): { sql: string; params: unknown[] } {
  const hidden = hiddenAuthorSql('_vp.author_id', viewerId);
  const removed = removedHiddenSql('_vp', viewerId);
  return {
    sql: `exists (select 1 from post_media _vpm join posts _vp on _vp.id = _vpm.post_id
      where _vpm.media_id = ${mediaAlias}.id and not (${hidden.sql}) and not ${removed.sql})`,
    params: [...hidden.params, ...removed.params],
  };
}

/** SQL predicate: notification `alias` is about a post or comment staff removed, and the viewer is not staff. */
export function removedPostNoticeSql(alias: string, viewerId: string): { sql: string; params: unknown[] } {
  const post = removedHiddenSql('_rp', viewerId);
  const comment = removedHiddenSql('_rc', viewerId);
  return {
    sql: `(exists (select 1 from posts _rp where _rp.id = ${alias}.post_id and ${post.sql})
      or exists (select 1 from comments _rc where _rc.id = ${alias}.comment_id and ${comment.sql}))`,
    params: [...post.params, ...comment.params],
  };
}
/**
 * People hidden from the viewer wherever they appear: blocked either way (friends), or suspended unless the viewer is
 * staff (accounts). Used for the people shown beside a post the viewer may see (likers, commenters, tagged users): a
 * private account's comments and likes on a public post stay visible, as on Instagram — privacy covers their own posts.
 */
export const hiddenPersonSql = (column: string, viewerId: string | null) =>
  eitherHidden(blockedSql(column, viewerId), suspendedHiddenSql(column, viewerId));

/**
 * Post authors hidden from the viewer: `hiddenPersonSql`, or a private account the viewer may not see (friends: not
 * them, a friend, an approved follower or staff). Used for posts and everything read through them (node, lists, media,
 * subscriptions).
 */
export const hiddenAuthorSql = (column: string, viewerId: string | null) =>
  eitherHidden(hiddenPersonSql(column, viewerId), privateHiddenSql(column, viewerId));

/** SQL conditions on `posts p` for a filter, blocks of the viewer always applied. */
export function postFilterSql(viewerId: string | null, filter: PostFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (part: { sql: string; params: unknown[] }) => {
    parts.push(part.sql);
    params.push(...part.params);
  };
  if (filter.feedOf) add(feedAuthorsSql('p.author_id', filter.feedOf));
  if (filter.authorId) add({ sql: 'p.author_id = ?', params: [filter.authorId] });
  if (filter.tag)
    add({ sql: 'p.id in (select pt.post_id from post_tags pt join tags t on t.id = pt.tag_id where t.name = ?)', params: [filter.tag] });
  if (filter.text) add({ sql: 'p.search_text like ?', params: [containsPattern(filter.text)] });
  if (filter.staffList) {
    add(staffListSql(filter.staffList));
    return { sql: parts.join(' and '), params };
  }
  // Removed posts: gone for everyone but staff, on every list (feed, profile, tag page, search).
  const removed = removedHiddenSql('p', viewerId);
  add({ sql: `not ${removed.sql}`, params: removed.params });
  // The home feed holds only friends and followed users, whom a block has already removed; suspended authors are
  // hidden everywhere from everyone but staff.
  const hidden = filter.feedOf ? suspendedHiddenSql('p.author_id', viewerId) : hiddenAuthorSql('p.author_id', viewerId);
  if (hidden.sql !== 'false') add({ sql: `not (${hidden.sql})`, params: hidden.params });
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/** The staff console's conditions: removed or not, text in title, body or the author's names; nobody hidden. */
function staffListSql(filter: NonNullable<PostFilter['staffList']>): { sql: string; params: unknown[] } {
  const parts: string[] = ['true'];
  const params: unknown[] = [];
  if (filter.status) parts.push(filter.status === 'REMOVED' ? 'p.removed_at is not null' : 'p.removed_at is null');
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    parts.push(`(p.search_text like ? or exists (select 1 from users _au where _au.id = p.author_id
      and (lower(_au.username) like ? or lower(_au.display_name) like ?)))`);
    params.push(pattern, pattern, pattern);
  }
  return { sql: parts.join(' and '), params };
}
