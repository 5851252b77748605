import { dailyCountsSql, type DailyCountRow } from '../../kernel/daily.js';
import { jsonList, sql, type Db } from '../../kernel/db.js';
import { keysetSql } from '../../kernel/pagination.js';
import { toRecord } from '../../kernel/rows.js';
import { removedHiddenSql, userJson, userSelect } from '../accounts/index.js';
import { toMedia } from '../media/index.js';
import { toTag } from '../tags/index.js';
import { toPhotoTag } from './photo-tags.repository.js';
import { hiddenAuthorSql, hiddenPersonSql, postFilterSql } from './post-filters.repository.js';
import {
  AUTHOR_PREFIX,
  POST_PARTS,
  type FavoritePostRow,
  type ListedPostRow,
  type PostFilter,
  type PostPart,
  type PostPartsRow,
  type PostRecord,
  type UserColumnsRow,
} from './posts.rows.js';

const toPost = toRecord<PostRecord>('Post');

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

  /** Users whose home feed shows the author's posts: their friends and followers (a block has ended both). */
  async feedAudience(em: Db, authorId: string): Promise<string[]> {
    const rows = await sql<{ id: string }>(
      em,
      `select friend_id as id from friendships where user_id = ? union select follower_id from follows where followee_id = ?`,
      [authorId, authorId],
    );
    return rows.map((r) => r.id);
  }

  /** A page of posts, newest first, keyset on (created_at, id), with the joined author. */
  async page(
    em: Db,
    viewerId: string | null,
    filter: PostFilter,
    limit: number,
    after: (string | number)[] | null,
  ): Promise<ListedPostRow[]> {
    const where = postFilterSql(viewerId, filter);
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
    const where = postFilterSql(viewerId, filter);
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

  /** How many photos the post has. */
  async mediaCount(tx: Db, postId: string): Promise<number> {
    return (await sql<{ n: number }>(tx, 'select count(*)::int as n from post_media where post_id = ?', [postId]))[0].n;
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
      const hidden = hiddenPersonSql('ptg.user_id', viewerId);
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
