import { userActor } from '../../kernel/actor.js';
import type { Db } from '../../kernel/db.js';
import { forbidden, invalid, notFound } from '../../kernel/errors.js';
import type { FriendsService } from '../friends/index.js';
import type { MessagesRepository } from './messages.repository.js';
import type { ConversationRecord } from './messages.rows.js';

/** Media kinds that may be sent: the author's uploads and screenshots (not avatars). */
const SENDABLE_MEDIA = ['UPLOAD', 'SCREENSHOT'];

export interface MessagingRulesDeps {
  repo: MessagesRepository;
  /** Friendships, follows and blocks (friends owns them). */
  friends: Pick<FriendsService, 'viewerRelations' | 'isBlockedEither'>;
  /** Owner and kind of uploaded media (media owns them). */
  media: { ownersOf(em: Db, mediaIds: readonly string[]): Promise<{ id: string; ownerId: string; kind: string }[]> };
}

/**
 * Who may message whom: friends or mutual followers, never across a block. Starting checks the starter against every
 * other person; writing needs no block between the sender and any member and, in a 1:1 conversation, the two still
 * friends or mutual followers (a group's members were agreed when it was started).
 */
export class MessagingRules {
  constructor(private readonly d: MessagingRulesDeps) {}

  /** Whether `userId` may write in each conversation: two statements for the whole batch. */
  async canSend(userId: string, em: Db, conversations: readonly ConversationRecord[]): Promise<boolean[]> {
    const others = await this.d.repo.otherMembersWithBlocks(
      em,
      userId,
      conversations.map((c) => c.id),
    );
    const directOthers = conversations
      .filter((c) => !c.isGroup)
      .flatMap((c) => others.filter((o) => o.conversationId === c.id).map((o) => o.userId));
    const relations = await this.d.friends.viewerRelations(userActor(userId, ''), em, directOthers);
    const contact = new Map(
      directOthers.map((id, i) => [id, relations[i].friends || (relations[i].viewerIsFollowing && relations[i].followsViewer)]),
    );
    return conversations.map((c) => {
      const mine = others.filter((o) => o.conversationId === c.id);
      if (mine.some((o) => o.blocked)) return false;
      return c.isGroup || mine.every((o) => contact.get(o.userId));
    });
  }

  async maySend(em: Db, userId: string, conversation: ConversationRecord): Promise<boolean> {
    const [allowed] = await this.canSend(userId, em, [conversation]);
    return allowed;
  }

  /** Why the user may not message one of `others` (a block, or neither friends nor mutual followers), or null. */
  async refusedAmong(em: Db, userId: string, others: string[]): Promise<string | null> {
    for (const other of others) {
      if (await this.d.friends.isBlockedEither(em, userId, other)) return 'You cannot message someone you blocked or who blocked you.';
    }
    const relations = await this.d.friends.viewerRelations(userActor(userId, ''), em, others);
    if (relations.some((r) => !r.friends && !(r.viewerIsFollowing && r.followsViewer)))
      return 'You can message friends and people who follow you back.';
    return null;
  }

  /** The image must be an upload or screenshot of the author's. */
  async checkOwnImage(tx: Db, authorId: string, mediaId: string): Promise<void> {
    const [media] = await this.d.media.ownersOf(tx, [mediaId]);
    if (!media) throw notFound('That image does not exist.', ['input', 'mediaId']);
    if (media.ownerId !== authorId) throw forbidden('You can only send your own images.', ['input', 'mediaId']);
    if (!SENDABLE_MEDIA.includes(media.kind)) throw invalid(['input', 'mediaId'], 'Send an uploaded image.');
  }
}

/** The key of a pair's 1:1 conversation: both ids, sorted. */
export const directKeyOf = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** NFC and trimmed ('' when missing). */
export function normalise(text: string | null | undefined): string {
  return String(text ?? '')
    .normalize('NFC')
    .trim();
}
