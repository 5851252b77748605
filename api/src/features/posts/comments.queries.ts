import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { paginate, type ConnectionShape } from '../../graphql/relay.js';
import { blockedSql } from '../friends/index.js';
import { byIdLoader } from './by-id.js';
import { keysetSql, timeKey } from '../../kernel/pagination.js';
import { toComment, toLike, type CommentRecord, type LikeRecord } from './records.js';

/** Top-level comments of a post, or the replies of one comment; oldest first, blocked authors hidden. */
export function commentConnection(ctx: Context, of: { postId: string } | { parentId: string }, page: { first?: number | null; after?: string | null }): Promise<ConnectionShape<CommentRecord>> {
  const conn = ctx.em.getConnection();
  const hidden = blockedSql('c.author_id', ctx.viewer?.id ?? null);
  const scope = 'postId' in of ? { sql: 'c.post_id = ? and c.parent_id is null', id: of.postId } : { sql: 'c.parent_id = ?', id: of.parentId };
  return paginate({
    ...page,
    cursorShape: ['string', 'string'],
    fetch: async (limit, after) => {
      const key = keysetSql('c', after, 'asc');
      const rows = await conn.execute(
        `select c.* from comments c where ${scope.sql} and not (${hidden.sql}) and ${key.sql} order by c.created_at, c.id limit ?`,
        [scope.id, ...hidden.params, ...key.params, limit]);
      return rows.map((row) => toComment(row));
    },
    keyOf: timeKey,
    count: async () => (await conn.execute(`select count(*)::int as n from comments c where ${scope.sql} and not (${hidden.sql})`, [scope.id, ...hidden.params]))[0].n,
  });
}

/** Likes of a post, newest first, likes by blocked users hidden. */
export function likeConnection(ctx: Context, postId: string, page: { first?: number | null; after?: string | null }): Promise<ConnectionShape<LikeRecord>> {
  const conn = ctx.em.getConnection();
  const hidden = blockedSql('l.user_id', ctx.viewer?.id ?? null);
  return paginate({
    ...page,
    cursorShape: ['string', 'string'],
    fetch: async (limit, after) => {
      const key = keysetSql('l', after, 'desc');
      const rows = await conn.execute(
        `select l.* from likes l where l.post_id = ? and not (${hidden.sql}) and ${key.sql} order by l.created_at desc, l.id desc limit ?`,
        [postId, ...hidden.params, ...key.params, limit]);
      return rows.map((row) => toLike(row));
    },
    keyOf: timeKey,
    count: async () => (await conn.execute(`select count(*)::int as n from likes l where l.post_id = ? and not (${hidden.sql})`, [postId, ...hidden.params]))[0].n,
  });
}

/** Comments by raw id (the node loader checks that the viewer may see their post). */
export const commentById = (ctx: Context) => byIdLoader(ctx, 'comments', toComment);
export const likeById = (ctx: Context) => byIdLoader(ctx, 'likes', toLike);

/** Replies of each top-level comment. */
export function replyCount(ctx: Context): DataLoader<string, number> {
  return loader(ctx, 'replyCount', () => new DataLoader<string, number>(async (ids) => {
    const rows = await ctx.em.getConnection().execute(
      'select parent_id, count(*)::int as n from comments where parent_id in (?) group by parent_id', [[...ids]]);
    const byId = new Map(rows.map((r) => [r.parent_id as string, r.n as number]));
    return ids.map((id) => byId.get(id) ?? 0);
  }));
}
