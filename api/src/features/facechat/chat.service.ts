import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { forbidden, invalid, notFound } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { inTransaction, type AfterCommit } from '../../lib/transaction.js';
import type { ServiceDeps } from '../../server/compose.js';
import type { ScreenshotHook } from '../media/index.js';
import type { NotificationsService } from '../notifications/index.js';
import { isParticipant, participantIds } from './rooms.access.js';
import { Room } from './rooms.entity.js';
import { ChatMessage, type ChatMessageKindValue } from './chat.entity.js';

export const MAX_BODY = 1000;
/** The body of a SCREENSHOT message: language-neutral, clients render the kind in their own words. */
export const SCREENSHOT_BODY = '📸';

/** `chatMessageAdded` of a room. */
export const chatTopic = (roomId: string) => `chat:${roomId}`;
export interface ChatEvent { messageId: string; authorId: string }

export class ChatService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Participants only (see rooms.access.ts); 1–1,000 characters after trimming. */
  async send(ctx: Context, viewerId: string, roomGlobalId: string, rawBody: string): Promise<ChatMessage> {
    const body = String(rawBody ?? '').normalize('NFC').trim();
    const length = [...body].length;
    if (length < 1 || length > MAX_BODY) throw invalid(['body'], `A message is 1–${MAX_BODY} characters.`);
    const roomId = fromGlobalId(roomGlobalId, 'FacechatRoom');
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      const [row] = roomId ? await tx.execute('select * from rooms where id = ? for share', [roomId]) : [];
      if (!row) throw notFound('That room does not exist (any more).', ['roomId']);
      const room = tx.map(Room, row);
      if (room.closedAt) throw forbidden(room.isCall ? 'This call is over.' : 'This room is closed.', ['roomId']);
      if (!(await isParticipant(tx, room.id, viewerId))) throw forbidden('Join the room to chat in it.', ['roomId']);
      return this.insert(tx, afterCommit, room.id, viewerId, 'TEXT', body, null);
    });
  }

  /**
   * For `POST /media` with kind SCREENSHOT: only a participant of the room may store one; every other
   * participant gets a SCREENSHOT notification, and the room's chat a SCREENSHOT message (pushed live
   * through `chatMessageAdded`, kept in the history).
   */
  screenshotHook(notifications: NotificationsService): ScreenshotHook {
    return {
      check: async (ctx, rawRoomId) => {
        const viewerId = ctx.viewer?.id;
        const [room] = await ctx.em.execute('select closed_at from rooms where id = ?', [rawRoomId]);
        if (!viewerId || !room || room.closed_at || !(await isParticipant(ctx.em, rawRoomId, viewerId))) {
          throw new Error('Only people in this room can store a screenshot of it.');
        }
      },
      after: async (tx, afterCommit, media, viewerId) => {
        const roomId = media.roomId!;
        const others = (await participantIds(tx, roomId)).filter((id) => id !== viewerId);
        const [call] = await tx.execute('select id from calls where room_id = ?', [roomId]);
        await this.insert(tx, afterCommit, roomId, viewerId, 'SCREENSHOT', SCREENSHOT_BODY, media.id);
        for (const recipientId of others) {
          await notifications.notify(tx, afterCommit, {
            recipientId, type: 'SCREENSHOT', actorId: viewerId, roomId, mediaId: media.id, callId: call?.id ?? null,
          });
        }
      },
    };
  }

  private async insert(
    tx: EntityManager, afterCommit: AfterCommit, roomId: string, authorId: string, kind: ChatMessageKindValue, body: string, mediaId: string | null,
  ): Promise<ChatMessage> {
    const message = tx.create(ChatMessage, { roomId, authorId, kind, body, mediaId, createdAt: new Date() });
    await tx.flush();
    afterCommit(() => this.deps.pubsub.publish(chatTopic(roomId), { messageId: message.id, authorId } satisfies ChatEvent));
    return message;
  }
}
