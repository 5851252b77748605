import { dailyCountsSql, type DailyCountRow } from '../../kernel/daily.js';
import { jsonList, sql, type Db } from '../../kernel/db.js';
import { keysetSql } from '../../kernel/pagination.js';
import { toRecord } from '../../kernel/rows.js';
import {
  containsPattern,
  eitherHidden,
  removedHiddenSql,
  suspendedHiddenSql,
  userJson,
  userSelect,
  type USER_COLUMNS,
} from '../accounts/index.js';
import { blockedSql, feedAuthorsSql } from '../friends/index.js';
import { toMedia, type MediaRecord } from '../media/index.js';
import { toTag, type TagRecord } from '../tags/index.js';
import { toPhotoTag, type PhotoTagRecord } from './photo-tags.repository.js';

/** A post as reads hand it to resolvers (no search text); `__typename` lets the Node interface resolve it. */
export interface PostRecord {
  id: string;
  authorId: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  /** When staff removed it (read paths select it; `Post.removedAt` shows it to staff only). */
  removedAt?: Date | null;
}
const toPost = toRecord<PostRecord>('Post');

/** The public user columns of a joined user, keyed `<prefix><column>` (for accounts' `primeUser`). */
export type UserColumnsRow = Record<string, unknown> & Partial<Record<(typeof USER_COLUMNS)[number], unknown>>;

/** A post of a list page with its author's columns (prefix `author__`). */
export interface ListedPostRow {
  post: PostRecord;
  author: UserColumnsRow;
}
export const AUTHOR_PREFIX = 'author__';

export interface FavoritePostRow {
  post: PostRecord;
  favoritedAt: Date;
  favoriteId: string;
}

export interface PostStats {
  likeCount: number;
  commentCount: number;
  viewerHasLiked: boolean;
  viewerHasFavorited: boolean;
}
export type PostPart = 'media' | 'tags' | 'photoTags' | 'stats';
export const POST_PARTS: readonly PostPart[] = ['media', 'tags', 'photoTags', 'stats'];

/** A photo tag with its user's public columns (unprefixed). */
export interface PhotoTagWithUser {
  tag: PhotoTagRecord;
  user: UserColumnsRow;
}

/** The parts asked for of one post (the others undefined). */
export interface PostPartsRow {
  id: string;
  media?: MediaRecord[];
  tags?: TagRecord[];
  photoTags?: PhotoTagWithUser[];
  stats?: PostStats;
}

export interface PostFilter {
  /** Home feed of this viewer: their own posts, friends' and followed users'. */
  feedOf?: string;
  authorId?: string;
  /** Normalised tag name. */
  tag?: string;
  /** Lower-case text searched in title, body and tag names. */
  text?: string;
  /** The staff console's list: every post (removed ones and those of hidden authors included), no block applied. */
  staffList?: {
    status: 'VISIBLE' | 'REMOVED' | null;
    /** Lower-case text searched in title, body and the author's username or display name. */
    text: string | null;
  };
}

/** Columns of a post without the search text. */
const POST_COLUMNS = 'p.id, p.author_id, p.title, p.body, p.created_at, p.updated_at, p.removed_at';

interface PartsSqlRow {
  id: string;
  media?: Record<string, unknown>[];
  tags?: Record<string, unknown>[];
  photo_tags?: (Record<string, unknown> & { _user: UserColumnsRow })[];
  like_count?: number;
  comment_count?: number;
  liked?: boolean;
  favorited?: boolean;
}

/**
 * Posts, their media and tag links, and the reads that batch a page: hand-written SQL, mapped to plain
 * records (MikroORM hydration dominated the feed's CPU profile). Blocks come from friends' SQL fragments.
 */
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
/** Authors hidden from the viewer: blocked either way (friends), or suspended unless the viewer is staff (accounts). */
export const hiddenAuthorSql = (column: string, viewerId: string | null) =>
  eitherHidden(blockedSql(column, viewerId), suspendedHiddenSql(column, viewerId));

export class PostsRepository {
  /** Posts written in the last 24 hours (the staff dashboard). */
  async countToday(em: Db): Promise<{ postsToday: number }> {
    const [row] = await sql<{ postsToday: number }>(
      em,
      `select count(*)::int as "postsToday" from posts where created_at > now() - interval '1 day'`,
    );
    return row;
  }

  /** Posts written on each of the last `days` UTC days (the staff dashboard's chart; removed ones included). */
  daily(em: Db, days: number): Promise<DailyCountRow[]> {
    const query = dailyCountsSql('select created_at as at from posts', days);
    return sql<DailyCountRow>(em, query.sql, query.params);
  }

  /** Posts by raw id that the viewer may see (not hidden by a block either way). */
  async byIds(em: Db, viewerId: string | null, ids: readonly string[]): Promise<PostRecord[]> {
    const hidden = hiddenAuthorSql('p.author_id', viewerId);
    const removed = removedHiddenSql('p', viewerId);
    const rows = await sql<Record<string, unknown>>(
      em,
      `select ${POST_COLUMNS} from posts p where p.id in (?) and not (${hidden.sql}) and not (${removed.sql})`,
      [[...ids], ...hidden.params, ...removed.params],
    );
    return rows.map(toPost);
  }

  /** A page of posts, newest first, keyset on (created_at, id), with the joined author. */
  async page(
    em: Db,
    viewerId: string | null,
    filter: PostFilter,
    limit: number,
    after: (string | number)[] | null,
  ): Promise<ListedPostRow[]> {
    const where = conditions(viewerId, filter);
    const key = keysetSql('p', after, 'desc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select ${POST_COLUMNS}, ${userSelect('u', AUTHOR_PREFIX)} from posts p join users u on u.id = p.author_id
        where ${where.sql} and ${key.sql} order by p.created_at desc, p.id desc limit ?`,
      [...where.params, ...key.params, limit],
    );
    return rows.map((row) => {
      const { id, author_id, title, body, created_at, updated_at, removed_at } = row;
      return { post: toPost({ id, author_id, title, body, created_at, updated_at, removed_at }), author: row };
    });
  }

  async count(em: Db, viewerId: string | null, filter: PostFilter): Promise<number> {
    const where = conditions(viewerId, filter);
    return (await sql<{ n: number }>(em, `select count(*)::int as n from posts p where ${where.sql}`, where.params))[0].n;
  }

  /** The viewer's favorites, most recently favorited first (keyset on the favorite). */
  async favoritesPage(em: Db, viewerId: string, limit: number, after: (string | number)[] | null): Promise<FavoritePostRow[]> {
    const hidden = hiddenAuthorSql('p.author_id', viewerId);
    const removed = removedHiddenSql('p', viewerId);
    const key = keysetSql('f', after, 'desc');
    const rows = await sql<Record<string, unknown> & { _fav_id: string; _fav_at: string }>(
      em,
      `select ${POST_COLUMNS}, f.id as _fav_id, f.created_at as _fav_at from favorites f join posts p on p.id = f.post_id
        where f.user_id = ? and not (${hidden.sql}) and not (${removed.sql}) and ${key.sql} order by f.created_at desc, f.id desc limit ?`,
      [viewerId, ...hidden.params, ...removed.params, ...key.params, limit],
    );
    return rows.map(({ _fav_id, _fav_at, ...row }) => ({ post: toPost(row), favoritedAt: new Date(_fav_at), favoriteId: _fav_id }));
  }

  async favoritesCount(em: Db, viewerId: string): Promise<number> {
    const hidden = hiddenAuthorSql('p.author_id', viewerId);
    return (
      await sql<{ n: number }>(
        em,
        `select count(*)::int as n from favorites f join posts p on p.id = f.post_id where f.user_id = ? and not (${hidden.sql}) and p.removed_at is null`,
        [viewerId, ...hidden.params],
      )
    )[0].n;
  }

  /**
   * Media, tags, photo tags (with their users), counts and viewer flags of posts: one statement computing
   * only the parts asked for, each a correlated subquery on an index.
   */
  async parts(em: Db, viewerId: string | null, ids: readonly string[], wanted: ReadonlySet<PostPart>): Promise<PostPartsRow[]> {
    const columns = POST_PARTS.filter((part) => wanted.has(part)).map((part) => partColumns(part, viewerId));
    const rows = await sql<PartsSqlRow>(em, `select p.id, ${columns.map((c) => c.sql).join(', ')} from unnest(array[?]::uuid[]) as p(id)`, [
      ...columns.flatMap((c) => c.params),
      [...ids],
    ]);
    return rows.map((r) => ({
      id: r.id,
      media: r.media?.map(toMedia),
      tags: r.tags?.map(toTag),
      photoTags: r.photo_tags?.map(({ _user, ...tag }) => ({ tag: toPhotoTag(tag), user: _user })),
      stats:
        r.like_count !== undefined
          ? { likeCount: r.like_count, commentCount: r.comment_count!, viewerHasLiked: r.liked!, viewerHasFavorited: r.favorited! }
          : undefined,
    }));
  }

  /** How many posts each of these users has written (users without posts left out). */
  countsByAuthor(em: Db, authorIds: readonly string[]): Promise<{ authorId: string; n: number }[]> {
    return sql(
      em,
      'select author_id as "authorId", count(*)::int as n from posts where author_id in (?) and removed_at is null group by author_id',
      [[...authorIds]],
    );
  }

  /** The post, locked against a concurrent delete (`share`) or change (`update`) until the transaction ends; null when removed by staff. */
  async lock(tx: Db, id: string, mode: 'share' | 'update'): Promise<PostRecord | null> {
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `select id, author_id, title, body, created_at, updated_at from posts where id = ? and removed_at is null for ${mode === 'share' ? 'share' : 'update'}`,
      [id],
    );
    return row ? toPost(row) : null;
  }

  async insert(tx: Db, post: { authorId: string; title: string; body: string; searchText: string }): Promise<PostRecord> {
    const now = new Date();
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `insert into posts (id, author_id, title, body, search_text, created_at, updated_at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)
       returning id, author_id, title, body, created_at, updated_at`,
      [post.authorId, post.title, post.body, post.searchText, now, now],
    );
    return toPost(row);
  }

  async update(tx: Db, id: string, fields: { title: string; body: string; searchText: string }): Promise<PostRecord> {
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `update posts set title = ?, body = ?, search_text = ?, updated_at = ? where id = ?
       returning id, author_id, title, body, created_at, updated_at`,
      [fields.title, fields.body, fields.searchText, new Date(), id],
    );
    return toPost(row);
  }

  /**
   * Sets or clears (`by` null) the staff removal of a post; its author, its tags and whether it was removed before,
   * or null when there is no such post.
   */
  async setRemoved(tx: Db, id: string, by: string | null): Promise<{ authorId: string; tagIds: string[]; wasRemoved: boolean } | null> {
    const [row] = await sql<{ authorId: string; tagIds: string[]; wasRemoved: boolean }>(
      tx,
      `update posts p set removed_at = case when ?::uuid is null then null else coalesce(old.removed_at, now()) end, removed_by_id = ?
        from (select id, removed_at from posts where id = ? for update) old where p.id = old.id
        returning p.author_id as "authorId", old.removed_at is not null as "wasRemoved",
          array(select pt.tag_id from post_tags pt where pt.post_id = p.id) as "tagIds"`,
      [by, by, id],
    );
    return row ?? null;
  }

  /** Deletes the post; likes, comments, favorites, photo tags and links go with it (foreign keys). */
  async delete(tx: Db, id: string): Promise<void> {
    await sql(tx, 'delete from posts where id = ?', [id]);
  }

  async linkMedia(tx: Db, postId: string, mediaIds: string[]): Promise<void> {
    await sql(
      tx,
      `insert into post_media (post_id, media_id, position)
         select ?, m.id::uuid, m.pos - 1 from jsonb_array_elements_text(?::jsonb) with ordinality as m(id, pos)`,
      [postId, jsonList(mediaIds)],
    );
  }

  /** Replaces the post's photos; photo tags on photos no longer in it go. */
  async replaceMedia(tx: Db, postId: string, mediaIds: string[]): Promise<void> {
    await sql(tx, 'delete from post_media where post_id = ?', [postId]);
    await this.linkMedia(tx, postId, mediaIds);
    await sql(tx, 'delete from photo_tags where post_id = ? and media_id not in (select media_id from post_media where post_id = ?)', [
      postId,
      postId,
    ]);
  }

  /** True when the photo is one of the post's. */
  async hasMedia(tx: Db, postId: string, mediaId: string): Promise<boolean> {
    return (await sql(tx, 'select 1 from post_media where post_id = ? and media_id = ?', [postId, mediaId])).length > 0;
  }

  async tagNames(tx: Db, postId: string): Promise<string[]> {
    const rows = await sql<{ name: string }>(
      tx,
      'select t.name from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = ? order by pt.position',
      [postId],
    );
    return rows.map((r) => r.name);
  }

  async linkTags(tx: Db, postId: string, tagIds: string[]): Promise<void> {
    await sql(
      tx,
      `insert into post_tags (post_id, tag_id, position)
         select ?, t.id::uuid, t.pos - 1 from jsonb_array_elements_text(?::jsonb) with ordinality as t(id, pos)`,
      [postId, jsonList(tagIds)],
    );
  }

  /** Removes the post's tag links; the ids of the tags it had. */
  async unlinkTags(tx: Db, postId: string): Promise<string[]> {
    return (await sql<{ tag_id: string }>(tx, 'delete from post_tags where post_id = ? returning tag_id', [postId])).map((r) => r.tag_id);
  }
}

/** SQL conditions on `posts p` for a filter, blocks of the viewer always applied. */
function conditions(viewerId: string | null, filter: PostFilter): { sql: string; params: unknown[] } {
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

/** The columns computing one part of a post `p` for the viewer. */
function partColumns(part: PostPart, viewerId: string | null): { sql: string; params: unknown[] } {
  switch (part) {
    case 'media':
      return {
        sql: `(select coalesce(json_agg(m.* order by pm.position), '[]') from post_media pm join media m on m.id = pm.media_id where pm.post_id = p.id) as media`,
        params: [],
      };
    case 'tags':
      return {
        sql: `(select coalesce(json_agg(t.* order by pt.position), '[]') from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = p.id) as tags`,
        params: [],
      };
    case 'photoTags': {
      const hidden = hiddenAuthorSql('ptg.user_id', viewerId);
      return {
        sql: `(select coalesce(json_agg(to_jsonb(ptg) || jsonb_build_object('_user', ${userJson('u')}) order by ptg.created_at, ptg.id), '[]')
          from photo_tags ptg join users u on u.id = ptg.user_id where ptg.post_id = p.id and not (${hidden.sql})) as photo_tags`,
        params: hidden.params,
      };
    }
    case 'stats': {
      const removedComment = removedHiddenSql('c', viewerId);
      return {
        sql: `(select count(*)::int from likes l where l.post_id = p.id) as like_count,
          (select count(*)::int from comments c where c.post_id = p.id and not ${removedComment.sql}) as comment_count,
          exists (select 1 from likes l where l.post_id = p.id and l.user_id = ?::uuid) as liked,
          exists (select 1 from favorites f where f.user_id = ?::uuid and f.post_id = p.id) as favorited`,
        params: [...removedComment.params, viewerId, viewerId],
      };
    }
  }
}
