import type { AfterCommit, Db } from '../../kernel/db.js';
import type { AccountsService } from '../accounts/index.js';
import type { Blocks, Notifier } from './posts.collaborators.js';
import type { PostsRepository } from './posts.repository.js';
import { mentionedUsernames } from './text-links.js';

/** At most this many different people are notified per post or comment (the rest are still links). */
const MAX_MENTIONS = 20;

/** Where a mention was written: a post's text, or a comment on it. */
export interface MentionSource {
  actorId: string;
  postId: string;
  commentId?: string;
  text: string;
}

/**
 * MENTION notifications: once per mentioned person per post or comment (an edit adding a name notifies only that
 * name), never the writer, and only people who may see the post and are not blocked either way by the writer.
 */
export class Mentions {
  constructor(
    private readonly accounts: Pick<AccountsService, 'userByUsername'>,
    private readonly posts: PostsRepository,
    private readonly blocks: Blocks,
    private readonly notifications: Notifier,
  ) {}

  async notify(tx: Db, afterCommit: AfterCommit, source: MentionSource): Promise<void> {
    for (const username of mentionedUsernames(source.text).slice(0, MAX_MENTIONS)) {
      const user = await this.accounts.userByUsername(tx, username);
      if (!user || user.id === source.actorId) continue;
      if (await this.blocks.isBlockedEither(tx, source.actorId, user.id)) continue;
      if (!(await this.posts.byIds(tx, user.id, [source.postId])).length) continue;
      await this.notifications.notify(tx, afterCommit, {
        recipientId: user.id,
        type: 'MENTION',
        actorId: source.actorId,
        postId: source.postId,
        commentId: source.commentId ?? null,
        dedupeKey: source.commentId ? `mention:comment:${source.commentId}` : `mention:post:${source.postId}`,
      });
    }
  }
}
