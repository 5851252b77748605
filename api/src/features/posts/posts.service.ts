import type { Actor } from '../../kernel/actor.js';
import type { EventBus } from '../../kernel/events.js';
import { inTransaction, type Db } from '../../kernel/db.js';
import { DomainError, ErrorCode, ErrorCollector, userError } from '../../kernel/errors.js';
import { emptyConnection, paginate, timeKey, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import { normaliseTag, normaliseTags } from '../tags/index.js';
import type { Blocks, MediaOwners, PostAccess, TagWriter, Notifier } from './posts.collaborators.js';
import type { Mentions } from './mentions.service.js';
import type { PhotoTagInputData, PhotoTagSpec, PhotoTagsService } from './photo-tags.service.js';
import { hashtagsIn } from './text-links.js';
import { feedTopic, type FeedPostEvent } from './posts.events.js';
import type { PostsRepository } from './posts.repository.js';
import { POST_PARTS, type ListedPostRow, type PostFilter, type PostPart, type PostPartsRow, type PostRecord } from './posts.rows.js';

const MAX_TITLE = 100;
const MAX_BODY = 2200;
const MAX_MEDIA = 10;
const length = (s: string) => [...s].length;
const ALL_PARTS: ReadonlySet<PostPart> = new Set(POST_PARTS);

/** Media ids as the client sent them, decoded (null when malformed); `altTexts` parallel to them when given. */
export interface CreatePostData {
  title?: string | null;
  body?: string | null;
  mediaIds: (string | null)[];
  altTexts?: (string | null)[] | null;
  tags?: string[] | null;
  photoTags?: PhotoTagInputData[] | null;
}

export interface UpdatePostData {
  title?: string | null;
  body?: string | null;
  mediaIds?: (string | null)[] | null;
  altTexts?: (string | null)[] | null;
  tags?: string[] | null;
}

/** A post of a list page with its author's columns and every part, fetched with the page. */
export interface PagePost extends ListedPostRow {
  parts: PostPartsRow;
}

export class PostsService {
  constructor(
    private readonly posts: PostsRepository,
    private readonly access: PostAccess,
    private readonly photoTags: PhotoTagsService,
    private readonly media: MediaOwners,
    private readonly tags: TagWriter,
    private readonly notifications: Notifier,
    private readonly blocks: Blocks,
    private readonly events: EventBus,
    private readonly mentions: Mentions,
  ) {}

  // Reads

  /** Home feed: posts of the actor, their friends and the users they follow, newest first. */
  /** For the staff dashboard (the moderation feature checks the actor). */
  statsToday(em: Db): Promise<{ postsToday: number }> {
    return this.posts.countToday(em);
  }

  /** Posts per UTC day, for the staff dashboard's chart (the moderation feature checks the actor). */
  async daily(em: Db, days: number): Promise<{ day: string; posts: number }[]> {
    return (await this.posts.daily(em, days)).map((row) => ({ day: row.day, posts: row.n }));
  }

  feed(actor: Actor, em: Db, page: PageInput): Promise<ConnectionShape<PagePost>> {
    return this.list(actor, em, { feedOf: actor.id }, page);
  }

  /** A page of posts newest first (every part preloaded, one statement for the page). */
  list(actor: Actor | null, em: Db, filter: PostFilter, page: PageInput): Promise<ConnectionShape<PagePost>> {
    const viewerId = actor?.id ?? null;
    return paginate<PagePost>({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: async (limit, after) => {
        const rows = await this.posts.page(em, viewerId, filter, limit, after);
        return this.withParts(em, viewerId, rows);
      },
      keyOf: (row) => timeKey(row.post),
      count: () => this.posts.count(em, viewerId, filter),
    });
  }

  /**
   * The staff console's list (the moderation feature checks the actor is staff): every post newest first, removed
   * ones and those of suspended or blocked authors included.
   */
  staffList(actor: Actor, em: Db, input: StaffPostsInput, page: PageInput): Promise<ConnectionShape<PagePost>> {
    const tag = input.tag ? normaliseTag(input.tag) : undefined;
    const filter: PostFilter = { authorId: input.authorId ?? undefined, tag, staffList: { status: input.status, text: input.text } };
    return this.list(actor, em, filter, page);
  }

  /** `User.posts`: empty when the actor and the user blocked each other. */
  async ofUser(actor: Actor | null, em: Db, userId: string, page: PageInput): Promise<ConnectionShape<PagePost>> {
    if (actor && (await this.blocks.isBlockedEither(em, actor.id, userId))) return emptyConnection();
    return this.list(actor, em, { authorId: userId }, page);
  }

  /** The actor's favorited posts, most recently favorited first. */
  favorites(actor: Actor, em: Db, page: PageInput): Promise<ConnectionShape<PagePost>> {
    return paginate<PagePost & { favoritedAt: Date; favoriteId: string }, PagePost>({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: async (limit, after) => {
        const rows = await this.posts.favoritesPage(em, actor.id, limit, after);
        const withParts = await this.withParts(
          em,
          actor.id,
          rows.map((r) => ({ post: r.post, author: {} })),
        );
        return rows.map((r, i) => ({ ...withParts[i], favoritedAt: r.favoritedAt, favoriteId: r.favoriteId }));
      },
      keyOf: (row) => [row.favoritedAt.toISOString(), row.favoriteId],
      toNode: ({ post, author, parts }) => ({ post, author, parts }),
      count: () => this.posts.favoritesCount(em, actor.id),
    });
  }

  private async withParts(em: Db, viewerId: string | null, rows: ListedPostRow[]): Promise<PagePost[]> {
    if (!rows.length) return [];
    const parts = await this.posts.parts(
      em,
      viewerId,
      rows.map((r) => r.post.id),
      ALL_PARTS,
    );
    const byId = new Map(parts.map((p) => [p.id, p]));
    return rows.map((row) => ({ ...row, parts: byId.get(row.post.id) ?? { id: row.post.id } }));
  }

  /** Posts by raw id the viewer may see (missing ones left out). */
  /** Staff removal (moderation): sets or clears (`by` null) it in the caller's transaction; the author, or null when no such post. */
  async setRemoved(tx: Db, postId: string, by: string | null): Promise<{ authorId: string } | null> {
    const row = await this.posts.setRemoved(tx, postId, by);
    // Tag pages count visible posts: a removed post leaves its tags' counts until it is restored.
    if (row && row.wasRemoved !== (by !== null)) await this.tags.adjustPostCounts(tx, row.tagIds, by ? -1 : 1);
    return row && { authorId: row.authorId };
  }

  byIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<PostRecord[]> {
    return this.posts.byIds(em, actor?.id ?? null, ids);
  }

  /** The parts asked for of each post, for the viewer. */
  parts(actor: Actor | null, em: Db, ids: readonly string[], wanted: ReadonlySet<PostPart>): Promise<PostPartsRow[]> {
    return this.posts.parts(em, actor?.id ?? null, ids, wanted);
  }

  countsByAuthor(em: Db, authorIds: readonly string[]): Promise<{ authorId: string; n: number }[]> {
    return this.posts.countsByAuthor(em, authorIds);
  }

  // Writes

  async create(actor: Actor, em: Db, input: CreatePostData): Promise<PostRecord> {
    const errors = new ErrorCollector();
    const title = checkTitle(input.title, errors);
    const body = checkBody(input.body, errors);
    const mediaIds = checkMediaIds(input.mediaIds, errors);
    checkNotEmpty(title, body, mediaIds.length, errors);
    const tags = withHashtags(checkTags(input.tags, errors), title, body);
    const specs: PhotoTagSpec[] = (input.photoTags ?? []).map((spec, i) =>
      this.photoTags.parse(spec, ['input', 'photoTags', String(i)], errors),
    );
    for (const [i, spec] of specs.entries()) {
      if (spec.mediaId && !mediaIds.includes(spec.mediaId))
        errors.add(ErrorCode.INVALID, "Tag people only in this post's photos.", ['input', 'photoTags', String(i), 'mediaId']);
    }
    errors.throwIfAny();

    return inTransaction(em, async (tx, afterCommit) => {
      await this.checkOwnMedia(tx, actor.id, mediaIds);
      await this.setAltTexts(tx, actor.id, mediaIds, input.altTexts);
      const post = await this.posts.insert(tx, { authorId: actor.id, title, body, searchText: searchText(title, body, tags) });
      await this.posts.linkMedia(tx, post.id, mediaIds);
      await this.linkTags(tx, post.id, tags);
      for (const spec of specs) await this.photoTags.insert(tx, afterCommit, actor, post, spec);
      await this.mentions.notify(tx, afterCommit, { actorId: actor.id, postId: post.id, text: `${title}\n${body}` });
      // Whose home feed the post joins (friends and followers); each subscription still checks it may show it.
      const audience = await this.posts.feedAudience(tx, actor.id);
      afterCommit(() => {
        for (const userId of audience) this.events.publish(feedTopic(userId), { postId: post.id } satisfies FeedPostEvent);
      });
      return post;
    });
  }

  async update(actor: Actor, em: Db, postId: string | null, input: UpdatePostData): Promise<PostRecord> {
    const errors = new ErrorCollector();
    const title = input.title != null ? checkTitle(input.title, errors) : null;
    const body = input.body != null ? checkBody(input.body, errors) : null;
    const mediaIds = input.mediaIds != null ? checkMediaIds(input.mediaIds, errors) : null;
    const given = input.tags != null ? checkTags(input.tags, errors) : null;
    errors.throwIfAny();

    return inTransaction(em, async (tx, afterCommit) => {
      const post = await this.access.own(tx, actor.id, postId);
      const next = { title: title ?? post.title, body: body ?? post.body };
      const photoCount = mediaIds ? mediaIds.length : await this.posts.mediaCount(tx, post.id);
      const empty = new ErrorCollector();
      checkNotEmpty(next.title, next.body, photoCount, empty);
      empty.throwIfAny();
      if (mediaIds) {
        await this.checkOwnMedia(tx, actor.id, mediaIds);
        await this.setAltTexts(tx, actor.id, mediaIds, input.altTexts);
        await this.posts.replaceMedia(tx, post.id, mediaIds);
      }
      const currentTags = await this.posts.tagNames(tx, post.id);
      // `#tags` written in the text join the post's tags (those it has when the input leaves them out).
      const textTags = hashtagsIn(`${next.title}\n${next.body}`);
      const tags = given ?? (textTags.length ? currentTags : null);
      const finalTags = tags && withHashtags(tags, next.title, next.body);
      if (finalTags) {
        await this.unlinkTags(tx, post.id);
        await this.linkTags(tx, post.id, finalTags);
      }
      await this.mentions.notify(tx, afterCommit, { actorId: actor.id, postId: post.id, text: `${next.title}\n${next.body}` });
      return this.posts.update(tx, post.id, { ...next, searchText: searchText(next.title, next.body, finalTags ?? currentTags) });
    });
  }

  /** Deletes the post with its likes, comments, favorites, photo tags and tag links; the media stay. */
  async delete(actor: Actor, em: Db, postId: string | null): Promise<string> {
    return inTransaction(em, async (tx) => {
      const post = await this.access.own(tx, actor.id, postId);
      await this.unlinkTags(tx, post.id);
      await this.notifications.removeAbout(tx, { postId: post.id });
      await this.posts.delete(tx, post.id);
      return post.id;
    });
  }

  /** Every id must be media of the actor's: unknown → NOT_FOUND, someone else's → FORBIDDEN. */
  private async checkOwnMedia(tx: Db, actorId: string, mediaIds: string[]): Promise<void> {
    const owners = new Map((await this.media.ownersOf(tx, mediaIds)).map((r) => [r.id, r.ownerId]));
    const problems = mediaIds.flatMap((id, i) => {
      const owner = owners.get(id);
      if (!owner) return [userError(ErrorCode.NOT_FOUND, 'That photo does not exist.', ['input', 'mediaIds', String(i)])];
      if (owner !== actorId)
        return [userError(ErrorCode.FORBIDDEN, 'You can only post your own photos.', ['input', 'mediaIds', String(i)])];
      return [];
    });
    if (problems.length) throw new DomainError(problems);
  }

  /** Per-photo alt text (`altTexts[i]` for `mediaIds[i]`; the media are the actor's, checked before). */
  private async setAltTexts(tx: Db, actorId: string, mediaIds: string[], altTexts: (string | null)[] | null | undefined): Promise<void> {
    if (!altTexts) return;
    const tooLong = await this.media.setAltTexts(
      tx,
      actorId,
      mediaIds.map((id, i) => ({ id, altText: altTexts[i] ?? null })),
    );
    if (tooLong.length)
      throw new DomainError(
        tooLong.map((i) =>
          userError(ErrorCode.INVALID, 'An alt text can be at most 500 characters.', ['input', 'photos', String(i), 'altText']),
        ),
      );
  }

  private async linkTags(tx: Db, postId: string, names: string[]): Promise<void> {
    const tags = await this.tags.upsertTags(tx, names);
    if (!tags.length) return;
    const ids = tags.map((t) => t.id);
    await this.posts.linkTags(tx, postId, ids);
    await this.tags.adjustPostCounts(tx, ids, 1);
  }

  private async unlinkTags(tx: Db, postId: string): Promise<void> {
    await this.tags.adjustPostCounts(tx, await this.posts.unlinkTags(tx, postId), -1);
  }
}

function checkTitle(raw: string | null | undefined, errors: ErrorCollector): string {
  const title = (raw ?? '').trim();
  if (length(title) > MAX_TITLE) errors.add(ErrorCode.INVALID, `The title can be at most ${MAX_TITLE} characters.`, ['input', 'title']);
  return title;
}

/** A post has text (a title or a body), photos or both. */
function checkNotEmpty(title: string, body: string, photoCount: number, errors: ErrorCollector): void {
  if (!title && !body && photoCount === 0) errors.add(ErrorCode.INVALID, 'A post needs text, photos or both.', ['input', 'body']);
}

function checkBody(raw: string | null | undefined, errors: ErrorCollector): string {
  const body = (raw ?? '').trim();
  if (length(body) > MAX_BODY) errors.add(ErrorCode.INVALID, `The text can be at most ${MAX_BODY} characters.`, ['input', 'body']);
  return body;
}

/** The tags with those written as `#tag` in the texts added after them (deduplicated, at most the tag limit). */
function withHashtags(tags: string[], ...texts: string[]): string[] {
  return normaliseTags([...tags, ...hashtagsIn(texts.join('\n'))]).tags;
}

function checkTags(raw: string[] | null | undefined, errors: ErrorCollector): string[] {
  const { tags, error } = normaliseTags(raw ?? []);
  if (error) errors.add(ErrorCode.INVALID, error, ['input', 'tags']);
  return tags;
}

function checkMediaIds(list: (string | null)[], errors: ErrorCollector): string[] {
  if (list.length > MAX_MEDIA) {
    errors.add(ErrorCode.INVALID, `A post has at most ${MAX_MEDIA} photos.`, ['input', 'mediaIds']);
    return [];
  }
  const raw = list.map((rawId, i) => {
    if (!rawId) errors.add(ErrorCode.INVALID, 'That is not a media id.', ['input', 'mediaIds', String(i)]);
    return rawId ?? '';
  });
  if (new Set(raw).size !== raw.length) errors.add(ErrorCode.INVALID, 'The same photo is in the list twice.', ['input', 'mediaIds']);
  return raw;
}

export interface StaffPostsInput {
  /** Lower-case search text, or null. */
  text: string | null;
  status: 'VISIBLE' | 'REMOVED' | null;
  authorId: string | null;
  tag: string | null;
}

function searchText(title: string, body: string, tags: string[]): string {
  return [title, body, tags.join(' ')].join('\n').toLowerCase();
}
