import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { DomainError, ErrorCollector, forbidden, notFound, userError } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { inTransaction } from '../../lib/transaction.js';
import { isBlockedEither } from '../friends/index.js';
import { adjustPostCounts, normaliseTags, upsertTags } from '../tags/index.js';
import { jsonList } from '../../kernel/db.js';
import type { PhotoTagSpec } from './photo-tags.service.js';
import { Post } from './posts.entity.js';
import type { CreatePostInput, UpdatePostInput } from './posts.types.js';

export const MAX_TITLE = 100;
export const MAX_BODY = 2200;
export const MAX_MEDIA = 10;
const length = (s: string) => [...s].length;

/**
 * The post `rawId` for an action of `viewerId` in `tx`, locked against a concurrent delete.
 * NOT_FOUND when missing; FORBIDDEN when the viewer and the author blocked each other.
 */
export async function postForAction(tx: EntityManager, rawId: string | null, viewerId: string, field: string[]): Promise<Post> {
  const [row] = rawId
    ? await tx.execute('select id, author_id, title, body, created_at, updated_at from posts where id = ? for share', [rawId])
    : [];
  if (!row) throw notFound('That post does not exist (any more).', field);
  const post = tx.map(Post, row);
  if (await isBlockedEither(tx, viewerId, post.authorId)) throw forbidden('You cannot interact with this post.', field);
  return post;
}

export class PostsService {
  async create(ctx: Context, viewerId: string, input: CreatePostInput): Promise<Post> {
    const errors = new ErrorCollector();
    const title = checkTitle(input.title, errors);
    const body = checkBody(input.body, errors);
    const mediaIds = parseMediaIds(input.mediaIds, errors);
    const tags = checkTags(input.tags, errors);
    const specs: PhotoTagSpec[] = (input.photoTags ?? []).map((spec, i) => ctx.services.photoTags.parse(spec, ['input', 'photoTags', String(i)], errors));
    for (const [i, spec] of specs.entries()) {
      if (spec.mediaId && !mediaIds.includes(spec.mediaId)) errors.add('INVALID', 'Tag people only in this post\'s photos.', ['input', 'photoTags', String(i), 'mediaId']);
    }
    errors.throwIfAny();

    return inTransaction(ctx.em, async (tx, afterCommit) => {
      await checkOwnMedia(tx, viewerId, mediaIds);
      const now = new Date();
      const post = tx.create(Post, { authorId: viewerId, title, body, searchText: searchText(title, body, tags), createdAt: now, updatedAt: now });
      await tx.flush();
      await linkMedia(tx, post.id, mediaIds);
      await linkTags(tx, post.id, tags);
      for (const spec of specs) await ctx.services.photoTags.insert(ctx, tx, afterCommit, post, viewerId, spec);
      return post;
    });
  }

  async update(ctx: Context, viewerId: string, globalId: string, input: UpdatePostInput): Promise<Post> {
    const errors = new ErrorCollector();
    const title = input.title != null ? checkTitle(input.title, errors) : null;
    const body = input.body != null ? checkBody(input.body, errors) : null;
    const mediaIds = input.mediaIds != null ? parseMediaIds(input.mediaIds, errors) : null;
    const tags = input.tags != null ? checkTags(input.tags, errors) : null;
    errors.throwIfAny();

    return inTransaction(ctx.em, async (tx) => {
      const post = await this.ownPost(tx, globalId, viewerId);
      if (title !== null) post.title = title;
      if (body !== null) post.body = body;
      if (mediaIds) {
        await checkOwnMedia(tx, viewerId, mediaIds);
        await tx.execute('delete from post_media where post_id = ?', [post.id]);
        await linkMedia(tx, post.id, mediaIds);
        await tx.execute('delete from photo_tags where post_id = ? and media_id not in (select media_id from post_media where post_id = ?)', [post.id, post.id]);
      }
      const currentTags: string[] = (await tx.execute(
        'select t.name from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = ? order by pt.position', [post.id])).map((r) => r.name);
      if (tags) {
        await unlinkTags(tx, post.id);
        await linkTags(tx, post.id, tags);
      }
      post.searchText = searchText(post.title, post.body, tags ?? currentTags);
      post.updatedAt = new Date();
      await tx.flush();
      return post;
    });
  }

  /** Deletes the post with its likes, comments, favorites, photo tags and tag links; the media stay. */
  async delete(ctx: Context, viewerId: string, globalId: string): Promise<string> {
    return inTransaction(ctx.em, async (tx) => {
      const post = await this.ownPost(tx, globalId, viewerId);
      await unlinkTags(tx, post.id);
      await tx.execute('delete from notifications where post_id = ?', [post.id]);
      await tx.execute('delete from posts where id = ?', [post.id]);
      return post.id;
    });
  }

  private async ownPost(tx: EntityManager, globalId: string, viewerId: string): Promise<Post> {
    const rawId = fromGlobalId(globalId, 'Post');
    const [row] = rawId ? await tx.execute('select id, author_id, title, body, created_at, updated_at from posts where id = ? for update', [rawId]) : [];
    if (!row) throw notFound('That post does not exist (any more).', ['id']);
    if (row.author_id !== viewerId) throw forbidden('Only the author can change this post.', ['id']);
    return tx.map(Post, row);
  }
}

function checkTitle(raw: string | null | undefined, errors: ErrorCollector): string {
  const title = (raw ?? '').trim();
  if (length(title) < 1 || length(title) > MAX_TITLE) errors.add('INVALID', `The title must be 1–${MAX_TITLE} characters.`, ['input', 'title']);
  return title;
}

function checkBody(raw: string | null | undefined, errors: ErrorCollector): string {
  const body = (raw ?? '').trim();
  if (length(body) > MAX_BODY) errors.add('INVALID', `The text can be at most ${MAX_BODY} characters.`, ['input', 'body']);
  return body;
}

function checkTags(raw: string[] | null | undefined, errors: ErrorCollector): string[] {
  const { tags, error } = normaliseTags(raw ?? []);
  if (error) errors.add('INVALID', error, ['input', 'tags']);
  return tags;
}

function parseMediaIds(ids: string[] | null | undefined, errors: ErrorCollector): string[] {
  const list = ids ?? [];
  if (list.length < 1 || list.length > MAX_MEDIA) {
    errors.add('INVALID', `A post has 1–${MAX_MEDIA} photos.`, ['input', 'mediaIds']);
    return [];
  }
  const raw = list.map((id, i) => {
    const rawId = fromGlobalId(id, 'Media');
    if (!rawId) errors.add('INVALID', 'That is not a media id.', ['input', 'mediaIds', String(i)]);
    return rawId ?? '';
  });
  if (new Set(raw).size !== raw.length) errors.add('INVALID', 'The same photo is in the list twice.', ['input', 'mediaIds']);
  return raw;
}

/** Every id must be media of the viewer's: unknown → NOT_FOUND, someone else's → FORBIDDEN. */
async function checkOwnMedia(tx: EntityManager, viewerId: string, mediaIds: string[]): Promise<void> {
  const rows: { id: string; owner_id: string }[] = await tx.execute('select id, owner_id from media where id in (?)', [mediaIds]);
  const owners = new Map(rows.map((r) => [r.id, r.owner_id]));
  const problems = mediaIds.flatMap((id, i) => {
    const owner = owners.get(id);
    if (!owner) return [userError('NOT_FOUND', 'That photo does not exist.', ['input', 'mediaIds', String(i)])];
    if (owner !== viewerId) return [userError('FORBIDDEN', 'You can only post your own photos.', ['input', 'mediaIds', String(i)])];
    return [];
  });
  if (problems.length) throw new DomainError(problems);
}

async function linkMedia(tx: EntityManager, postId: string, mediaIds: string[]): Promise<void> {
  await tx.execute(
    `insert into post_media (post_id, media_id, position)
       select ?, m.id::uuid, m.pos - 1 from jsonb_array_elements_text(?::jsonb) with ordinality as m(id, pos)`, [postId, jsonList(mediaIds)]);
}

async function linkTags(tx: EntityManager, postId: string, names: string[]): Promise<void> {
  const tags = await upsertTags(tx, names);
  if (!tags.length) return;
  const ids = tags.map((t) => t.id);
  await tx.execute(
    `insert into post_tags (post_id, tag_id, position)
       select ?, t.id::uuid, t.pos - 1 from jsonb_array_elements_text(?::jsonb) with ordinality as t(id, pos)`, [postId, jsonList(ids)]);
  await adjustPostCounts(tx, ids, 1);
}

async function unlinkTags(tx: EntityManager, postId: string): Promise<void> {
  const rows = await tx.execute('delete from post_tags where post_id = ? returning tag_id', [postId]);
  await adjustPostCounts(tx, rows.map((r) => r.tag_id as string), -1);
}

function searchText(title: string, body: string, tags: string[]): string {
  return [title, body, tags.join(' ')].join('\n').toLowerCase();
}
