import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import type { User } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { blockedSql } from '../friends/index.js';
import { byIdLoader } from './by-id.js';
import {
  primeUser, toMedia, toPhotoTag, toPost, toTag, userJson, type MediaRecord, type PhotoTagRecord, type PostRecord, type TagRecord,
} from './records.js';

/** Columns of a post without the search text. */
export const POST_COLUMNS = 'p.id, p.author_id, p.title, p.body, p.created_at, p.updated_at';

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

export interface PostStats {
  likeCount: number;
  commentCount: number;
  viewerHasLiked: boolean;
  viewerHasFavorited: boolean;
}

interface PostParts {
  media: MediaRecord[];
  tags: TagRecord[];
  photoTags: PhotoTagRecord[];
  stats: PostStats;
}
type Part = keyof PostParts;

/**
 * The columns computing each part of a post `p`, given the viewer. Each is a correlated
 * subquery on an index (post_media, post_tags and photo_tags primary/unique keys, likes and
 * comments by post), so a page of posts costs one statement whatever it asks for.
 */
function partColumns(part: Part, viewerId: string | null): { sql: string; params: unknown[] } {
  switch (part) {
    case 'media':
      return { sql: `(select coalesce(json_agg(m.* order by pm.position), '[]') from post_media pm join media m on m.id = pm.media_id where pm.post_id = p.id) as media`, params: [] };
    case 'tags':
      return { sql: `(select coalesce(json_agg(t.* order by pt.position), '[]') from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = p.id) as tags`, params: [] };
    case 'photoTags': {
      const hidden = blockedSql('ptg.user_id', viewerId);
      return {
        sql: `(select coalesce(json_agg(to_jsonb(ptg) || jsonb_build_object('_user', ${userJson('u')}) order by ptg.created_at, ptg.id), '[]')
          from photo_tags ptg join users u on u.id = ptg.user_id where ptg.post_id = p.id and not (${hidden.sql})) as photo_tags`,
        params: hidden.params,
      };
    }
    case 'stats':
      return {
        sql: `(select count(*)::int from likes l where l.post_id = p.id) as like_count,
          (select count(*)::int from comments c where c.post_id = p.id) as comment_count,
          exists (select 1 from likes l where l.post_id = p.id and l.user_id = ?::uuid) as liked,
          exists (select 1 from favorites f where f.user_id = ?::uuid and f.post_id = p.id) as favorited`,
        params: [viewerId, viewerId],
      };
  }
}
const PARTS: Part[] = ['media', 'tags', 'photoTags', 'stats'];

/**
 * Media, tags, photo tags, counts and viewer flags of posts: one DataLoader keyed by
 * `part:postId`, so everything a page asks for in one tick is fetched by a single statement
 * that computes only the parts asked for.
 */
function postParts(ctx: Context): DataLoader<string, PostParts[Part]> {
  return loader(ctx, 'postParts', () => new DataLoader<string, PostParts[Part]>(async (keys) => {
    const wanted = new Set<Part>();
    const ids = new Set<string>();
    for (const key of keys) {
      const colon = key.indexOf(':');
      wanted.add(key.slice(0, colon) as Part);
      ids.add(key.slice(colon + 1));
    }
    const columns = PARTS.filter((part) => wanted.has(part)).map((part) => partColumns(part, ctx.viewer?.id ?? null));
    const rows = await ctx.em.execute(
      `select p.id, ${columns.map((c) => c.sql).join(', ')} from unnest(array[?]::uuid[]) as p(id)`,
      [...columns.flatMap((c) => c.params), [...ids]]);
    const byId = new Map<string, Partial<PostParts>>(rows.map((r) => [r.id as string, {
      media: r.media?.map(toMedia), tags: r.tags?.map(toTag),
      photoTags: r.photo_tags?.map(({ _user, ...tag }: Record<string, unknown>) => (primeUser(ctx, _user as Record<string, unknown>), toPhotoTag(tag))),
      stats: 'like_count' in r ? { likeCount: r.like_count, commentCount: r.comment_count, viewerHasLiked: r.liked, viewerHasFavorited: r.favorited } : undefined,
    }]));
    return keys.map((key) => {
      const colon = key.indexOf(':');
      const found = byId.get(key.slice(colon + 1))?.[key.slice(0, colon) as Part];
      return found ?? new Error(`no ${key}`);
    });
  }));
}

/** Parts fetched ahead for post records of a list page (see `preloadParts`), read without waiting. */
const preloaded = new WeakMap<object, Partial<PostParts>>();

/**
 * Fetches every part of a page of posts (one statement) before the page is returned, so the
 * field resolvers of its posts answer synchronously instead of through hundreds of promises.
 */
export async function preloadParts(ctx: Context, posts: PostRecord[]): Promise<void> {
  if (!posts.length) return;
  const parts = postParts(ctx);
  const values = await Promise.all(posts.flatMap((post) => PARTS.map((part) => parts.load(`${part}:${post.id}`))));
  posts.forEach((post, i) => preloaded.set(post, Object.fromEntries(PARTS.map((part, j) => [part, values[i * PARTS.length + j]]))));
}

/** One part of a post: at once when preloaded, else batched through the DataLoader. */
export function partOf<P extends Part>(ctx: Context, post: { id: string }, part: P): PostParts[P] | Promise<PostParts[P]> {
  return (preloaded.get(post)?.[part] as PostParts[P] | undefined) ?? (postParts(ctx).load(`${part}:${post.id}`) as Promise<PostParts[P]>);
}

const authors = new WeakMap<object, User>();
/** Remembers the author a list query joined, for `authorOf`. */
export const rememberAuthor = (post: PostRecord, author: User | null) => void (author && authors.set(post, author));
/** The author of a post: at once when the list query joined it, else through `userById`. */
export const authorOf = (ctx: Context, post: PostRecord): User | Promise<User | null> => authors.get(post) ?? userById(ctx).load(post.authorId);

/** `f(value)`, after `value` resolves when it is a promise. */
export const mapMaybe = <T, R>(value: T | Promise<T>, f: (v: T) => R): R | Promise<R> => (value instanceof Promise ? value.then(f) : f(value));

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
