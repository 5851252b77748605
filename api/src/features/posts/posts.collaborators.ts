import type { Db } from '../../kernel/db.js';
import { forbidden, notFound } from '../../kernel/errors.js';
import type { AccountsService } from '../accounts/index.js';
import type { FriendsService } from '../friends/index.js';
import type { MediaService } from '../media/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { TagsService } from '../tags/index.js';
import type { PostsRepository } from './posts.repository.js';
import type { PostRecord } from './posts.rows.js';

/** What posts needs of other features (compose.ts passes their services). */
export type Blocks = Pick<FriendsService, 'isBlockedEither' | 'areFriends'>;
export type MediaOwners = Pick<MediaService, 'ownersOf' | 'setAltTexts'>;
export type TagWriter = Pick<TagsService, 'upsertTags' | 'adjustPostCounts'>;
export type Notifier = Pick<NotificationsService, 'notify' | 'removeAbout'>;
export type UserDirectory = Pick<AccountsService, 'exists'>;

/** The post an action (like, comment, tag) is about, as every posts service checks it. */
export class PostAccess {
  constructor(
    private readonly posts: PostsRepository,
    private readonly blocks: Blocks,
  ) {}

  /**
   * The post `postId` (null: a malformed id) for an action of `actorId` in `tx`, locked against a concurrent
   * delete. NOT_FOUND when missing; FORBIDDEN when the actor and the author blocked each other.
   */
  async forAction(tx: Db, actorId: string, postId: string | null, field: string[]): Promise<PostRecord> {
    const post = postId ? await this.posts.lock(tx, postId, 'share') : null;
    if (!post) throw notFound('That post does not exist (any more).', field);
    if (await this.blocks.isBlockedEither(tx, actorId, post.authorId)) throw forbidden('You cannot interact with this post.', field);
    return post;
  }

  /** The actor's own post `postId`, locked for a change. */
  async own(tx: Db, actorId: string, postId: string | null): Promise<PostRecord> {
    const post = postId ? await this.posts.lock(tx, postId, 'update') : null;
    if (!post) throw notFound('That post does not exist (any more).', ['id']);
    if (post.authorId !== actorId) throw forbidden('Only the author can change this post.', ['id']);
    return post;
  }
}
