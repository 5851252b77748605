import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { blockedSql } from '../friends/friends.relations.js';
import { byIdLoader } from './by-id.js';
import {
  toMedia, toPhotoTag, toPost, toTag, type MediaRecord, type PhotoTagRecord, type PostRecord, type TagRecord,
} from './records.js';

/** Columns of a post without the search text. */
export const POST_COLUMNS = 'p.id, p.author_id, p.title, p.body, p.created_at, p.updated_at';

/** A loader keyed by post id (or any id) whose batch function returns rows grouped by `keyOf`. */
function groupedLoader<T>(ctx: Context, name: string, fetch: (ids: readonly string[]) => Promise<[string, T][]>): DataLoader<string, T[]> {
  return loader(ctx, name, () => new DataLoader<string, T[]>(async (ids) => {
    const groups = new Map<string, T[]>();
    for (const [key, value] of await fetch(ids)) {
      const list = groups.get(key);
      if (list) list.push(value);
      else groups.set(key, [value]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  }));
}

/** Posts by raw id that the viewer may see (not hidden by a block either way). */
export function postById(ctx: Context): DataLoader<string, PostRecord | null> {
  return loader(ctx, 'postById', () => new DataLoader<string, PostRecord | null>(async (ids) => {
    const hidden = blockedSql('p.author_id', ctx.viewer?.id ?? null);
    const rows = await ctx.em.getConnection().execute(
      `select ${POST_COLUMNS} from posts p where p.id in (?) and not (${hidden.sql})`, [[...ids], ...hidden.params]);
    const byId = new Map(rows.map((row) => [row.id as string, toPost(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

/** The media of each post, in display order. */
export function mediaOfPost(ctx: Context): DataLoader<string, MediaRecord[]> {
  return groupedLoader(ctx, 'mediaOfPost', async (ids) => {
    const rows = await ctx.em.getConnection().execute(
      `select pm.post_id as _post_id, m.* from post_media pm join media m on m.id = pm.media_id
        where pm.post_id in (?) order by pm.post_id, pm.position`, [[...ids]]);
    return rows.map(({ _post_id, ...row }) => [_post_id as string, toMedia(row)]);
  });
}

/** The tags of each post, in the order they were given. */
export function tagsOfPost(ctx: Context): DataLoader<string, TagRecord[]> {
  return groupedLoader(ctx, 'tagsOfPost', async (ids) => {
    const rows = await ctx.em.getConnection().execute(
      `select pt.post_id as _post_id, t.* from post_tags pt join tags t on t.id = pt.tag_id
        where pt.post_id in (?) order by pt.post_id, pt.position`, [[...ids]]);
    return rows.map(({ _post_id, ...row }) => [_post_id as string, toTag(row)]);
  });
}

/** The photo tags of each post (of users the viewer may see). */
export function photoTagsOfPost(ctx: Context): DataLoader<string, PhotoTagRecord[]> {
  return groupedLoader(ctx, 'photoTagsOfPost', async (ids) => {
    const hidden = blockedSql('pt.user_id', ctx.viewer?.id ?? null);
    const rows = await ctx.em.getConnection().execute(
      `select pt.* from photo_tags pt where pt.post_id in (?) and not (${hidden.sql}) order by pt.post_id, pt.created_at, pt.id`,
      [[...ids], ...hidden.params]);
    return rows.map((row) => [row.post_id as string, toPhotoTag(row)]);
  });
}

export interface PostStats {
  likeCount: number;
  commentCount: number;
  viewerHasLiked: boolean;
  viewerHasFavorited: boolean;
}

/** Counts and viewer flags of each post, one statement for all four fields. */
export function postStats(ctx: Context): DataLoader<string, PostStats> {
  return loader(ctx, 'postStats', () => new DataLoader<string, PostStats>(async (ids) => {
    const viewerId = ctx.viewer?.id ?? null;
    const rows = await ctx.em.getConnection().execute(
      `select p.id,
         (select count(*)::int from likes l where l.post_id = p.id) as like_count,
         (select count(*)::int from comments c where c.post_id = p.id) as comment_count,
         exists (select 1 from likes l where l.post_id = p.id and l.user_id = ?::uuid) as liked,
         exists (select 1 from favorites f where f.user_id = ?::uuid and f.post_id = p.id) as favorited
       from unnest(array[?]::uuid[]) as p(id)`, [viewerId, viewerId, [...ids]]);
    const byId = new Map(rows.map((r) => [r.id as string, {
      likeCount: r.like_count, commentCount: r.comment_count, viewerHasLiked: r.liked, viewerHasFavorited: r.favorited,
    }]));
    return ids.map((id) => byId.get(id) ?? { likeCount: 0, commentCount: 0, viewerHasLiked: false, viewerHasFavorited: false });
  }));
}

/** How many posts each user has written. */
export function postCountOfUser(ctx: Context): DataLoader<string, number> {
  return loader(ctx, 'postCountOfUser', () => new DataLoader<string, number>(async (ids) => {
    const rows = await ctx.em.getConnection().execute(
      'select author_id, count(*)::int as n from posts where author_id in (?) group by author_id', [[...ids]]);
    const byId = new Map(rows.map((r) => [r.author_id as string, r.n as number]));
    return ids.map((id) => byId.get(id) ?? 0);
  }));
}

export const photoTagById = (ctx: Context) => byIdLoader(ctx, 'photo_tags', toPhotoTag);
