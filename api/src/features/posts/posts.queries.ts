import type { Context } from '../../graphql/context.js';
import { paginate, type ConnectionShape } from '../../graphql/relay.js';
import { containsPattern } from '../accounts/index.js';
import { blockedSql, feedAuthorsSql } from '../friends/index.js';
import { keysetSql, timeKey } from '../../kernel/pagination.js';
import { primeUser, toPost, userSelect, type PostRecord } from './records.js';
import { POST_COLUMNS, preloadParts, rememberAuthor } from './posts.loaders.js';

export interface PostFilter {
  /** Home feed of this viewer: their own posts, friends' and followed users'. */
  feedOf?: string;
  authorId?: string;
  /** Normalised tag name. */
  tag?: string;
  /** Lower-case text searched in title, body and tag names. */
  text?: string;
}

/** SQL conditions on `posts p` for a filter, blocks of the viewer always applied. */
function conditions(ctx: Context, filter: PostFilter): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (part: { sql: string; params: unknown[] }) => { sql.push(part.sql); params.push(...part.params); };
  if (filter.feedOf) add(feedAuthorsSql('p.author_id', filter.feedOf));
  if (filter.authorId) add({ sql: 'p.author_id = ?', params: [filter.authorId] });
  if (filter.tag) add({ sql: 'p.id in (select pt.post_id from post_tags pt join tags t on t.id = pt.tag_id where t.name = ?)', params: [filter.tag] });
  if (filter.text) add({ sql: 'p.search_text like ?', params: [containsPattern(filter.text)] });
  // The home feed holds only friends and followed users, whom a block has already removed.
  if (!filter.feedOf) {
    const hidden = blockedSql('p.author_id', ctx.viewer?.id ?? null);
    if (hidden.sql !== 'false') add({ sql: `not (${hidden.sql})`, params: hidden.params });
  }
  return { sql, params };
}

/** A page of posts, newest first, keyset on (created_at, id). */
export function postConnection(ctx: Context, filter: PostFilter, page: { first?: number | null; after?: string | null }): Promise<ConnectionShape<PostRecord>> {
  const where = conditions(ctx, filter);
  const conn = ctx.em.getConnection();
  const whereSql = where.sql.length ? where.sql.join(' and ') : 'true';
  return paginate({
    ...page,
    cursorShape: ['string', 'string'],
    fetch: async (limit, after) => {
      const key = keysetSql('p', after, 'desc');
      const rows = await conn.execute(
        `select ${POST_COLUMNS}, ${userSelect('u', 'author__')} from posts p join users u on u.id = p.author_id
          where ${whereSql} and ${key.sql} order by p.created_at desc, p.id desc limit ?`,
        [...where.params, ...key.params, limit]);
      const posts = rows.map((row) => {
        const post = toPost(postColumns(row));
        rememberAuthor(post, primeUser(ctx, row, 'author__'));
        return post;
      });
      await preloadParts(ctx, posts);
      return posts;
    },
    keyOf: timeKey,
    count: async () => (await conn.execute(`select count(*)::int as n from posts p where ${whereSql}`, where.params))[0].n,
  });
}

/** The viewer's favorites, most recently favorited first (keyset on the favorite). */
export function favoriteConnection(ctx: Context, viewerId: string, page: { first?: number | null; after?: string | null }): Promise<ConnectionShape<PostRecord>> {
  const conn = ctx.em.getConnection();
  const hidden = blockedSql('p.author_id', viewerId);
  type Row = { post: PostRecord; favoritedAt: Date; favoriteId: string };
  return paginate<Row, PostRecord>({
    ...page,
    cursorShape: ['string', 'string'],
    fetch: async (limit, after) => {
      const key = keysetSql('f', after, 'desc');
      const rows = await conn.execute(
        `select ${POST_COLUMNS}, f.id as _fav_id, f.created_at as _fav_at from favorites f join posts p on p.id = f.post_id
          where f.user_id = ? and not (${hidden.sql}) and ${key.sql} order by f.created_at desc, f.id desc limit ?`,
        [viewerId, ...hidden.params, ...key.params, limit]);
      const page = rows.map(({ _fav_id, _fav_at, ...row }) => ({ post: toPost(row), favoritedAt: new Date(_fav_at), favoriteId: _fav_id }));
      await preloadParts(ctx, page.map((r) => r.post));
      return page;
    },
    keyOf: (row) => [row.favoritedAt.toISOString(), row.favoriteId],
    toNode: (row) => row.post,
    count: async () => (await conn.execute(
      `select count(*)::int as n from favorites f join posts p on p.id = f.post_id where f.user_id = ? and not (${hidden.sql})`,
      [viewerId, ...hidden.params]))[0].n,
  });
}

/** The post's own columns of a joined row. */
function postColumns(row: Record<string, unknown>): Record<string, unknown> {
  const { id, author_id, title, body, created_at, updated_at } = row;
  return { id, author_id, title, body, created_at, updated_at };
}
