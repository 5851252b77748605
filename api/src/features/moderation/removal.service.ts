import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { invalid, notFound } from '../../kernel/errors.js';
import type { EventBus } from '../../kernel/events.js';
import { announceRemoved } from './content-removed.js';
import type { ModerationAction } from './moderation.entity.js';
import type { ModerationLogService } from './moderation-log.service.js';
import { requireStaff } from './staff.js';

const MAX_REASON = 1000;
/** What staff may remove: the GraphQL type name of the content. */
export const REMOVABLE_TYPES = ['Post', 'Comment', 'FacechatRoom', 'ChatMessage'] as const;
export type RemovableType = (typeof REMOVABLE_TYPES)[number];

/**
 * The owning features' removal writes (posts, facechat), passed in by server/compose.ts. `by` null restores.
 * Each answers whether the content exists; a removed room's call ends at once.
 */
export interface RemovableContent {
  posts: { setRemoved(tx: Db, postId: string, by: string | null): Promise<unknown> };
  comments: { setRemoved(tx: Db, commentId: string, by: string | null): Promise<unknown> };
  facechat: {
    setRoomRemoved(tx: Db, afterCommit: AfterCommit, roomId: string, by: string | null): Promise<boolean>;
    setChatMessageRemoved(tx: Db, messageId: string, by: string | null): Promise<boolean>;
    endRoom(tx: Db, afterCommit: AfterCommit, roomId: string): Promise<boolean>;
  };
}

function requiredReason(raw: string | null | undefined): string {
  const reason = (raw ?? '').trim();
  const length = [...reason].length;
  if (length < 1 || length > MAX_REASON) throw invalid(['reason'], `Give a reason of 1–${MAX_REASON} characters.`);
  return reason;
}

/** Staff hide content from everyone else (not deleted, so it can be restored) and end rooms; every action is logged. */
export class RemovalService {
  constructor(
    private readonly content: RemovableContent,
    private readonly log: ModerationLogService,
    private readonly events: EventBus,
  ) {}

  /** Hides a post, comment, room or chat message from everyone but staff; `subject` null when the id was not one of those. */
  remove(actor: Actor, em: Db, input: { subject: { type: RemovableType; id: string } | null; reason: string }): Promise<ModerationAction> {
    requireStaff(actor);
    const reason = requiredReason(input.reason);
    return this.change(actor, em, input.subject, reason);
  }

  restore(actor: Actor, em: Db, subject: { type: RemovableType; id: string } | null): Promise<ModerationAction> {
    requireStaff(actor);
    return this.change(actor, em, subject, null);
  }

  /** Disconnects everyone from the room's call and closes it. */
  endRoom(actor: Actor, em: Db, input: { roomId: string | null; reason: string }): Promise<ModerationAction> {
    requireStaff(actor);
    const reason = requiredReason(input.reason);
    const roomId = input.roomId;
    return inTransaction(em, async (tx, afterCommit) => {
      if (!roomId || !(await this.content.facechat.endRoom(tx, afterCommit, roomId))) {
        throw notFound('That room does not exist (any more).', ['roomId']);
      }
      return this.log.record(tx, { type: 'END_ROOM', moderatorId: actor.id, subjectType: 'FacechatRoom', subjectId: roomId, reason });
    });
  }

  /** Removes (`reason` given) or restores (`reason` null) in one transaction with its log line. */
  private change(
    actor: Actor,
    em: Db,
    subject: { type: RemovableType; id: string } | null,
    reason: string | null,
  ): Promise<ModerationAction> {
    const by = reason === null ? null : actor.id;
    return inTransaction(em, async (tx, afterCommit) => {
      const found = subject ? await this.write(tx, afterCommit, subject, by) : false;
      if (!subject || !found) throw notFound('There is no post, comment, room or chat message by that id.', ['subjectId']);
      // Open pages drop it at once (contentRemoved); a restore shows again on the next read.
      if (reason !== null) afterCommit(() => announceRemoved(this.events, { subjectType: subject.type, subjectId: subject.id }));
      return this.log.record(tx, {
        type: reason === null ? 'RESTORE_CONTENT' : 'REMOVE_CONTENT',
        moderatorId: actor.id,
        subjectType: subject.type,
        subjectId: subject.id,
        reason,
      });
    });
  }

  private async write(tx: Db, afterCommit: AfterCommit, subject: { type: RemovableType; id: string }, by: string | null): Promise<boolean> {
    switch (subject.type) {
      case 'Post':
        return Boolean(await this.content.posts.setRemoved(tx, subject.id, by));
      case 'Comment':
        return Boolean(await this.content.comments.setRemoved(tx, subject.id, by));
      case 'FacechatRoom':
        return this.content.facechat.setRoomRemoved(tx, afterCommit, subject.id, by);
      case 'ChatMessage':
        return this.content.facechat.setChatMessageRemoved(tx, subject.id, by);
    }
  }
}
