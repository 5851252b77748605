import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { ConnectionShape } from '../../kernel/pagination.js';
import { type User } from '../accounts/index.js';
import { primeUser, userById } from '../accounts/graphql.js';
import type { MediaRecord } from '../media/index.js';
import type { TagRecord } from '../tags/index.js';
import type { CommentRecord } from './comments.repository.js';
import type { LikeRecord } from './likes.repository.js';
import type { PhotoTagRecord } from './photo-tags.repository.js';
import { AUTHOR_PREFIX, POST_PARTS, type PostPart, type PostPartsRow, type PostRecord, type PostStats } from './posts.rows.js';
import type { PagePost } from './posts.service.js';

/** A per-scope DataLoader of records by raw id (null when missing or hidden), one service call per tick. */
function byIds<T extends { id: string }>(
  ctx: Context,
  key: string,
  fetch: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return loader(
    ctx,
    key,
    () =>
      new DataLoader<string, T | null>(async (ids) => {
        const byId = new Map((await fetch(ids)).map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}

/** Posts by raw id that the viewer may see (not hidden by a block either way). */
export const postById = (ctx: Context) => byIds<PostRecord>(ctx, 'postById', (ids) => ctx.services.posts.byIds(ctx.actor, ctx.em, ids));
export const photoTagById = (ctx: Context) =>
  byIds<PhotoTagRecord>(ctx, 'photo_tagsById', (ids) => ctx.services.photoTags.byIds(ctx.em, ids));
/** Comments by raw id (the node loader checks that the viewer may see their post). */
export const commentById = (ctx: Context) =>
  byIds<CommentRecord>(ctx, 'commentsById', (ids) => ctx.services.comments.byIds(ctx.actor, ctx.em, ids));
export const likeById = (ctx: Context) => byIds<LikeRecord>(ctx, 'likesById', (ids) => ctx.services.likes.byIds(ctx.em, ids));

/** Like count and the viewer's like of each comment, one service call per tick. */
export const commentLikeStats = (ctx: Context) =>
  loader(
    ctx,
    'commentLikeStats',
    () =>
      new DataLoader<string, { likeCount: number; viewerHasLiked: boolean }>(async (ids) => {
        const byId = new Map((await ctx.services.comments.likeStats(ctx.actor, ctx.em, ids)).map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? { likeCount: 0, viewerHasLiked: false });
      }),
  );

/** Counts by id (0 when absent), one service call per tick. */
function countsBy(
  ctx: Context,
  key: string,
  fetch: (ids: readonly string[]) => Promise<{ id: string; n: number }[]>,
): DataLoader<string, number> {
  return loader(
    ctx,
    key,
    () =>
      new DataLoader<string, number>(async (ids) => {
        const byId = new Map((await fetch(ids)).map((r) => [r.id, r.n]));
        return ids.map((id) => byId.get(id) ?? 0);
      }),
  );
}

/** How many posts each user has written. */
export const postCountOfUser = (ctx: Context) =>
  countsBy(ctx, 'postCountOfUser', async (ids) =>
    (await ctx.services.posts.countsByAuthor(ctx.em, ids)).map((r) => ({ id: r.authorId, n: r.n })),
  );

/** Replies of each top-level comment. */
export const replyCount = (ctx: Context) =>
  countsBy(ctx, 'replyCount', async (ids) =>
    (await ctx.services.comments.replyCounts(ctx.actor, ctx.em, ids)).map((r) => ({ id: r.parentId, n: r.n })),
  );

interface PostParts {
  media: MediaRecord[];
  tags: TagRecord[];
  photoTags: PhotoTagRecord[];
  stats: PostStats;
}

/** The parts of one post as resolvers read them; the users of its photo tags go into `userById`. */
function absorbParts(ctx: Context, row: PostPartsRow): Partial<PostParts> {
  return {
    media: row.media,
    tags: row.tags,
    stats: row.stats,
    photoTags: row.photoTags?.map(({ tag, user }) => (primeUser(ctx, user), tag)),
  };
}

/**
 * Media, tags, photo tags, counts and viewer flags of posts: one DataLoader keyed by `part:postId`, so
 * everything a page asks for in one tick is fetched by a single statement that computes only the parts asked for.
 */
function postParts(ctx: Context): DataLoader<string, PostParts[PostPart]> {
  return loader(
    ctx,
    'postParts',
    () =>
      new DataLoader<string, PostParts[PostPart]>(async (keys) => {
        const wanted = new Set<PostPart>();
        const ids = new Set<string>();
        for (const key of keys) {
          const colon = key.indexOf(':');
          wanted.add(key.slice(0, colon) as PostPart);
          ids.add(key.slice(colon + 1));
        }
        const rows = await ctx.services.posts.parts(ctx.actor, ctx.em, [...ids], wanted);
        const byId = new Map(rows.map((row) => [row.id, absorbParts(ctx, row)]));
        return keys.map((key) => {
          const colon = key.indexOf(':');
          const found = byId.get(key.slice(colon + 1))?.[key.slice(0, colon) as PostPart];
          return found ?? new Error(`no ${key}`);
        });
      }),
  );
}

/** Parts fetched with a list page, read without waiting. */
const preloaded = new WeakMap<object, Partial<PostParts>>();
const authors = new WeakMap<object, User>();

/**
 * A page of posts from the service (each with its joined author and every part) as GraphQL serves it:
 * authors and photo-tag users primed into `userById`, parts kept so the field resolvers of its posts
 * answer synchronously instead of through hundreds of promises.
 */
function adoptPage(ctx: Context, page: ConnectionShape<PagePost>): ConnectionShape<PostRecord> {
  const parts = postParts(ctx);
  const edges = page.edges.map(({ cursor, node }) => {
    const author = primeUser(ctx, node.author, AUTHOR_PREFIX);
    if (author) authors.set(node.post, author);
    const absorbed = absorbParts(ctx, node.parts);
    preloaded.set(node.post, absorbed);
    for (const part of POST_PARTS) {
      const value = absorbed[part];
      if (value !== undefined) parts.prime(`${part}:${node.post.id}`, value);
    }
    return { cursor, node: node.post };
  });
  return { ...page, edges, nodes: edges.map((e) => e.node) };
}

/** Resolves a page promise through `adoptPage`. */
export const adopt = async (ctx: Context, page: Promise<ConnectionShape<PagePost>>) => adoptPage(ctx, await page);

/** One part of a post: at once when preloaded, else batched through the DataLoader. */
export function partOf<P extends PostPart>(ctx: Context, post: { id: string }, part: P): PostParts[P] | Promise<PostParts[P]> {
  return (preloaded.get(post)?.[part] as PostParts[P] | undefined) ?? (postParts(ctx).load(`${part}:${post.id}`) as Promise<PostParts[P]>);
}

/** The author of a post: at once when the list query joined it, else through `userById`. */
export const authorOf = (ctx: Context, post: PostRecord): User | Promise<User | null> =>
  authors.get(post) ?? userById(ctx).load(post.authorId);

/** `f(value)`, after `value` resolves when it is a promise. */
export const mapMaybe = <T, R>(value: T | Promise<T>, f: (v: T) => R): R | Promise<R> =>
  value instanceof Promise ? value.then(f) : f(value);
