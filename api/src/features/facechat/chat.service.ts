import { type Actor, rateKey } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { forbidden, invalid, notFound } from '../../kernel/errors.js';
import type { EventBus } from '../../kernel/events.js';
import type { RateLimits } from '../../kernel/rate-limit.js';
import { emptyConnection, paginate, timeKey, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { NotificationsService } from '../notifications/index.js';
import type { CallsRepository } from './calls.repository.js';
import type { ChatMessage, ChatMessageKindValue } from './chat.entity.js';
import type { ChatRepository } from './chat.repository.js';
import { chatTopic, type ChatEvent } from './facechat.events.js';
import type { RoomsRepository } from './rooms.repository.js';

const MAX_BODY = 1000;
/** The body of a SCREENSHOT message: language-neutral, clients render the kind in their own words. */
const SCREENSHOT_BODY = '📸';
const SCREENSHOT_REFUSED = 'Only people in this room can store a screenshot of it.';

export interface ChatCollaborators {
  repo: ChatRepository;
  roomsRepo: RoomsRepository;
  callsRepo: CallsRepository;
  events: EventBus;
  notifications: Pick<NotificationsService, 'notify'>;
  rateLimits: RateLimits;
}

/** The in-room chat and the screenshot rules. Part of FacechatService (not public). */
export class ChatService {
  constructor(private readonly c: ChatCollaborators) {}

  /** Participants only (see rooms.repository.ts); 1–1,000 characters after trimming. */
  async send(actor: Actor, em: Db, input: { roomId: string; body: string }): Promise<ChatMessage> {
    const body = String(input.body ?? '')
      .normalize('NFC')
      .trim();
    const length = [...body].length;
    if (length < 1 || length > MAX_BODY) throw invalid(['body'], `A message is 1–${MAX_BODY} characters.`);
    await this.c.rateLimits.consume('chatMessages', [rateKey(actor)]);
    return inTransaction(em, async (tx, afterCommit) => {
      const room = await this.c.roomsRepo.lock(tx, input.roomId, 'share');
      if (!room) throw notFound('That room does not exist (any more).', ['roomId']);
      if (room.closedAt) throw forbidden(room.isCall ? 'This call is over.' : 'This room is closed.', ['roomId']);
      if (!(await this.mayTakePart(tx, room, actor.id))) throw forbidden('Join the room to chat in it.', ['roomId']);
      return this.insert(tx, afterCommit, room.id, actor.id, 'TEXT', body, null);
    });
  }

  /** The room's chat, newest first, for whoever may see the room (empty otherwise). */
  async page(viewerId: string | null, em: Db, roomId: string, page: PageInput): Promise<ConnectionShape<ChatMessage>> {
    if (!(await this.c.roomsRepo.canSee(em, roomId, viewerId))) return emptyConnection();
    return paginate({
      first: page.first,
      after: page.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.c.repo.page(em, viewerId, roomId, limit, after),
      keyOf: timeKey,
      count: () => this.c.repo.count(em, viewerId, roomId),
    });
  }

  /** Messages by raw id whose authors are not blocked either way with the viewer (rooms not checked here). */
  /** Staff removal (moderation), in the caller's transaction; false when there is no such message. */
  setRemoved(tx: Db, messageId: string, by: string | null): Promise<boolean> {
    return this.c.repo.setRemoved(tx, messageId, by);
  }

  byIds(viewerId: string | null, em: Db, ids: readonly string[]): Promise<ChatMessage[]> {
    return this.c.repo.byIds(em, viewerId, ids);
  }

  /** Only a participant of an open room may store a screenshot of it (and only while the room's rules let them in). */
  async assertMayCapture(actor: Actor, em: Db, roomId: string): Promise<void> {
    const room = await this.c.roomsRepo.findById(em, roomId);
    if (!room || room.closedAt || !(await this.mayTakePart(em, room, actor.id))) throw forbidden(SCREENSHOT_REFUSED);
  }

  /**
   * A participant (joined and not left, or connected) who may still see the room — not blocked either way with the
   * owner, still the owner's friend in a FRIENDS room, a callee of a call's room — and, in a call, not blocked either
   * way with anyone else in it. Applied on every chat message and screenshot, whatever the membership tables say.
   */
  private async mayTakePart(em: Db, room: { id: string; isCall: boolean }, userId: string): Promise<boolean> {
    if (!(await this.c.roomsRepo.isParticipant(em, room.id, userId))) return false;
    if (!(await this.c.roomsRepo.canSee(em, room.id, userId))) return false;
    return !(room.isCall && (await this.c.roomsRepo.blockedWithAny(em, userId, await this.c.roomsRepo.participantIds(em, room.id))));
  }

  /** Who is in the room now (joined and not left, or connected). */
  participantIds(em: Db, roomId: string): Promise<string[]> {
    return this.c.roomsRepo.participantIds(em, roomId);
  }

  /**
   * In the transaction that stores the screenshot: every other participant gets a SCREENSHOT notification, and the
   * room's chat a SCREENSHOT message (pushed live through `chatMessageAdded`, kept in the history).
   */
  async recorded(tx: Db, afterCommit: AfterCommit, shot: { mediaId: string; roomId: string; actorId: string }): Promise<void> {
    const participants = (await this.c.roomsRepo.participantIds(tx, shot.roomId)).filter((id) => id !== shot.actorId);
    // Nobody blocked either way with the taker hears of it.
    const others: string[] = [];
    for (const id of participants) if (!(await this.c.roomsRepo.blockedWithAny(tx, shot.actorId, [id]))) others.push(id);
    const callId = await this.c.callsRepo.callIdOfRoom(tx, shot.roomId);
    await this.insert(tx, afterCommit, shot.roomId, shot.actorId, 'SCREENSHOT', SCREENSHOT_BODY, shot.mediaId);
    for (const recipientId of others) {
      await this.c.notifications.notify(tx, afterCommit, {
        recipientId,
        type: 'SCREENSHOT',
        actorId: shot.actorId,
        roomId: shot.roomId,
        mediaId: shot.mediaId,
        callId,
      });
    }
  }

  private async insert(
    tx: Db,
    afterCommit: AfterCommit,
    roomId: string,
    authorId: string,
    kind: ChatMessageKindValue,
    body: string,
    mediaId: string | null,
  ): Promise<ChatMessage> {
    const message = await this.c.repo.insert(tx, { roomId, authorId, kind, body, mediaId });
    afterCommit(() => this.c.events.publish(chatTopic(roomId), { messageId: message.id, authorId } satisfies ChatEvent));
    return message;
  }
}
