import type { AfterCommit, Db } from '../../kernel/db.js';
import type { AccountsService } from '../accounts/index.js';
import type { Blocks, Notifier } from './posts.collaborators.js';
import type { PostsRepository } from './posts.repository.js';

/** At most this many different people are notified per post or comment (the rest are still links). */
const MAX_MENTIONS = 20;
// `@name` at the start or after a character that cannot be part of a name or an e-mail address.
const MENTION = /(^|[^\p{L}\p{N}_.@])@([a-z0-9_.]{3,30})/giu;

/** The usernames `@mentioned` in a text, lower-case, in first-seen order. */
export function mentionedUsernames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const name = match[2].toLowerCase().replace(/\.+$/, ''); // a sentence's full stop is not part of the name
    if (name.length >= 3) names.add(name);
  }
  return [...names];
}

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
