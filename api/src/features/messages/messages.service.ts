import type { Actor } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { ErrorCode, ErrorCollector, forbidden, notFound } from '../../kernel/errors.js';
import type { EventBus } from '../../kernel/events.js';
import type { RateLimits } from '../../kernel/rate-limit.js';
import { paginate, timeKey, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { DirectMessageKindValue } from './messages.entity.js';
import {
  conversationReadTopic,
  directMessageTopic,
  typingTopic,
  type ConversationReadEventData,
  type DirectMessageEvent,
  type TypingEventData,
} from './messages.events.js';
import { directKeyOf, MessagingRules, normalise, type MessagingRulesDeps } from './messages.rules.js';
import type {
  FinishedCall,
  MarkReadRequest,
  SendDirectMessageRequest,
  SetTypingRequest,
  StartConversationRequest,
} from './messages.requests.js';
import type { ConversationRecord, DirectMessageRecord, ReadMarkRow } from './messages.rows.js';
import type { ReadMarksRepository } from './read-marks.repository.js';

export const MAX_BODY = 2000;
const MAX_TITLE = 100;
const MAX_CLIENT_ID = 64;
/** Others in one conversation: 1 (a 1:1 conversation) to 7 (a group of 8). */
const MAX_OTHERS = 7;

export interface MessagesCollaborators extends MessagingRulesDeps {
  readMarks: ReadMarksRepository;
  users: { exists(em: Db, userId: string): Promise<boolean> };
  events: EventBus;
  rateLimits: RateLimits;
  /** A fresh EntityManager for work outside a request (call events). */
  newEm: () => Db;
}

const CONVERSATION_FIELD = ['input', 'conversationId'];
const NOT_A_MEMBER = 'That conversation does not exist.';

/**
 * Direct conversations: 1:1 (one per pair) and small groups (3–8 people). People may start or write to a
 * conversation only with friends or mutual followers, and never across a block. Members see everything in their
 * conversations; nobody else learns they exist. New messages make no notifications (the unread counts are the badge).
 */
export class MessagesService {
  private readonly rules: MessagingRules;
  constructor(private readonly c: MessagesCollaborators) {
    this.rules = new MessagingRules(c);
  }

  async start(actor: Actor, em: Db, input: StartConversationRequest): Promise<ConversationRecord> {
    const errors = new ErrorCollector();
    const ids = input.userIds ?? [];
    ids.forEach((id, i) => {
      if (!id) errors.add(ErrorCode.NOT_FOUND, 'No such user.', ['input', 'userIds', String(i)]);
      else if (id === actor.id)
        errors.add(ErrorCode.INVALID, 'Leave yourself out: you are always in your conversations.', ['input', 'userIds', String(i)]);
    });
    const others = [...new Set(ids.filter((id): id is string => !!id && id !== actor.id))];
    if (ids.length && !errors.errors.length && (others.length < 1 || others.length > MAX_OTHERS))
      errors.add(ErrorCode.INVALID, `A conversation is with 1–${MAX_OTHERS} other people.`, ['input', 'userIds']);
    if (!ids.length) errors.add(ErrorCode.INVALID, 'Choose whom to talk to.', ['input', 'userIds']);
    const title = normalise(input.title) || null;
    if (title && [...title].length > MAX_TITLE)
      errors.add(ErrorCode.INVALID, `A title is at most ${MAX_TITLE} characters.`, ['input', 'title']);
    errors.throwIfAny();
    await this.c.rateLimits.consume('conversationStarts', [`user:${actor.id}`]);
    for (const [i, id] of ids.entries()) {
      if (id && !(await this.c.users.exists(em, id))) throw notFound('No such user.', ['input', 'userIds', String(i)]);
    }
    const refused = await this.rules.refusedAmong(em, actor.id, others);
    if (refused) throw forbidden(refused, ['input', 'userIds']);
    return inTransaction(em, async (tx) => {
      if (others.length === 1) {
        const directKey = directKeyOf(actor.id, others[0]);
        await this.c.repo.lockDirectKey(tx, directKey);
        const existing = await this.c.repo.findDirect(tx, directKey);
        if (existing) return existing;
        return this.c.repo.insertConversation(tx, {
          title: null,
          isGroup: false,
          directKey,
          createdById: actor.id,
          memberIds: [actor.id, ...others],
        });
      }
      return this.c.repo.insertConversation(tx, {
        title,
        isGroup: true,
        directKey: null,
        createdById: actor.id,
        memberIds: [actor.id, ...others],
      });
    });
  }

  async send(actor: Actor, em: Db, input: SendDirectMessageRequest): Promise<DirectMessageRecord> {
    const body = normalise(input.body) || null;
    const errors = new ErrorCollector();
    if (!input.conversationId) throw notFound(NOT_A_MEMBER, CONVERSATION_FIELD);
    if (body && [...body].length > MAX_BODY)
      errors.add(ErrorCode.INVALID, `A message is at most ${MAX_BODY} characters.`, ['input', 'body']);
    if (input.hasMedia && !input.mediaId) errors.add(ErrorCode.NOT_FOUND, 'That image does not exist.', ['input', 'mediaId']);
    if (!body && !input.hasMedia) errors.add(ErrorCode.INVALID, 'Write something or attach an image.', ['input', 'body']);
    const clientId = input.clientId ?? null;
    if (clientId && clientId.length > MAX_CLIENT_ID)
      errors.add(ErrorCode.INVALID, `A clientId is at most ${MAX_CLIENT_ID} characters.`, ['input', 'clientId']);
    errors.throwIfAny();
    await this.c.rateLimits.consume('directMessages', [`user:${actor.id}`]);
    const conversationId = input.conversationId;
    return inTransaction(em, async (tx, afterCommit) => {
      const conversation = await this.c.repo.lockConversation(tx, conversationId);
      if (!conversation || !(await this.c.repo.isMember(tx, conversation.id, actor.id))) throw notFound(NOT_A_MEMBER, CONVERSATION_FIELD);
      if (!(await this.rules.maySend(tx, actor.id, conversation)))
        throw forbidden('You can no longer send messages in this conversation.', CONVERSATION_FIELD);
      if (input.mediaId) await this.rules.checkOwnImage(tx, actor.id, input.mediaId);
      const message = await this.insert(tx, afterCommit, conversation, {
        authorId: actor.id,
        kind: 'TEXT',
        body,
        mediaId: input.mediaId ?? null,
        clientId,
      });
      // Their own message is read by them (the others see their receipt move), and they stopped typing.
      const read = await this.c.readMarks.moveReadMark(tx, conversation.id, actor.id, message.id, message.createdAt);
      if (read.moved) await this.publishRead(tx, afterCommit, read.mark);
      afterCommit(() =>
        this.c.events.publish(typingTopic(conversation.id), {
          conversationId: conversation.id,
          userId: actor.id,
          typing: false,
        } satisfies TypingEventData),
      );
      return message;
    });
  }

  async markRead(actor: Actor, em: Db, input: MarkReadRequest): Promise<ConversationRecord> {
    const conversation = await this.memberConversation(actor, em, input.conversationId);
    if (input.hasMessageId && !input.messageId) throw notFound('That message does not exist.', ['input', 'messageId']);
    return inTransaction(em, async (tx, afterCommit) => {
      const message = await this.c.repo.messageIn(tx, conversation.id, input.messageId ?? null);
      if (!message) {
        if (input.messageId) throw notFound('That message does not exist.', ['input', 'messageId']);
        return conversation;
      }
      const read = await this.c.readMarks.moveReadMark(tx, conversation.id, actor.id, message.id, new Date());
      if (read.moved) await this.publishRead(tx, afterCommit, read.mark);
      return conversation;
    });
  }

  /** Ephemeral: published to the conversation's `typing` subscribers, never stored. */
  async setTyping(actor: Actor, em: Db, input: SetTypingRequest): Promise<void> {
    const conversation = await this.memberConversation(actor, em, input.conversationId);
    await this.c.rateLimits.consume('typingSignals', [`user:${actor.id}`]);
    if (input.typing && !(await this.rules.maySend(em, actor.id, conversation)))
      throw forbidden('You can no longer send messages in this conversation.', CONVERSATION_FIELD);
    this.c.events.publish(typingTopic(conversation.id), {
      conversationId: conversation.id,
      userId: actor.id,
      typing: input.typing,
    } satisfies TypingEventData);
  }

  /** The viewer's conversations, most recent activity first. */
  conversations(actor: Actor, em: Db, page: PageInput): Promise<ConnectionShape<ConversationRecord>> {
    return paginate({
      first: page.first,
      after: page.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.c.repo.conversationsPage(em, actor.id, limit, after),
      keyOf: (row) => [row.updatedAt.toISOString(), row.id],
      count: () => this.c.repo.countConversations(em, actor.id),
    });
  }

  /** A conversation's messages, newest first; empty unless the viewer is a member. */
  async messages(actor: Actor, em: Db, conversationId: string, page: PageInput): Promise<ConnectionShape<DirectMessageRecord>> {
    const member = await this.c.repo.isMember(em, conversationId, actor.id);
    return paginate({
      first: page.first,
      after: page.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => (member ? this.c.repo.messagesPage(em, conversationId, limit, after) : Promise.resolve([])),
      keyOf: timeKey,
      count: () => (member ? this.c.repo.countMessages(em, conversationId) : Promise.resolve(0)),
    });
  }

  /** Conversations by raw id, in the order asked: null unless the viewer is a member. */
  async conversationsByIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<(ConversationRecord | null)[]> {
    if (!actor) return ids.map(() => null);
    const found = new Map((await this.c.repo.conversationsOf(em, actor.id, ids)).map((c) => [c.id, c]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** Messages by raw id, in the order asked: null unless the viewer is a member of the message's conversation. */
  async messagesByIds(actor: Actor | null, em: Db, ids: readonly string[]): Promise<(DirectMessageRecord | null)[]> {
    if (!actor) return ids.map(() => null);
    const found = new Map((await this.c.repo.messagesOf(em, actor.id, ids)).map((m) => [m.id, m]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** Member ids of many conversations (the viewer's own conversations: callers load those first). */
  async memberIdsOf(em: Db, conversationIds: readonly string[]): Promise<string[][]> {
    const rows = await this.c.repo.members(em, conversationIds);
    return conversationIds.map((id) => rows.filter((r) => r.conversationId === id).map((r) => r.userId));
  }

  /** The other members' read marks in many conversations. */
  async readReceipts(actor: Actor, em: Db, conversationIds: readonly string[]): Promise<ReadMarkRow[][]> {
    const rows = await this.c.readMarks.readMarks(em, conversationIds);
    return conversationIds.map((id) => rows.filter((r) => r.conversationId === id && r.userId !== actor.id));
  }

  async unreadCounts(actor: Actor, em: Db, conversationIds: readonly string[]): Promise<number[]> {
    const counts = new Map((await this.c.readMarks.unreadCounts(em, actor.id, conversationIds)).map((r) => [r.conversationId, r.n]));
    return conversationIds.map((id) => counts.get(id) ?? 0);
  }

  unreadConversationCount(actor: Actor, em: Db): Promise<number> {
    return this.c.readMarks.unreadConversationCount(em, actor.id);
  }

  /** Whether the viewer may write in each conversation (see MessagingRules). */
  canSend(actor: Actor, em: Db, conversations: readonly ConversationRecord[]): Promise<boolean[]> {
    return this.rules.canSend(actor.id, em, conversations);
  }

  /**
   * Facechat's `CallLog`: a 1:1 call is over. Adds CALL_ENDED (answered, with its duration) or CALL_MISSED to the two
   * people's 1:1 conversation (made when missing) if they may message each other. Once per call.
   */
  async callFinished(call: FinishedCall): Promise<void> {
    const em = this.c.newEm();
    if (await this.c.repo.hasCallMessage(em, call.callId)) return;
    await inTransaction(em, async (tx, afterCommit) => {
      const directKey = directKeyOf(call.callerId, call.calleeId);
      await this.c.repo.lockDirectKey(tx, directKey);
      if (await this.c.repo.hasCallMessage(tx, call.callId)) return;
      // A call ended by a block (or between people who may no longer message each other) is not logged.
      if (await this.rules.refusedAmong(tx, call.callerId, [call.calleeId])) return;
      const existing = await this.c.repo.findDirect(tx, directKey);
      const conversation = existing
        ? await this.c.repo.lockConversation(tx, existing.id)
        : await this.c.repo.insertConversation(tx, {
            title: null,
            isGroup: false,
            directKey,
            createdById: call.callerId,
            memberIds: [call.callerId, call.calleeId],
          });
      if (!conversation) return;
      await this.insert(tx, afterCommit, conversation, {
        authorId: call.callerId,
        kind: call.answered ? 'CALL_ENDED' : 'CALL_MISSED',
        body: null,
        mediaId: null,
        callId: call.callId,
        callDurationSeconds: call.answered ? call.durationSeconds : null,
        clientId: null,
      });
    });
  }

  private async insert(
    tx: Db,
    afterCommit: AfterCommit,
    conversation: ConversationRecord,
    input: {
      authorId: string;
      kind: DirectMessageKindValue;
      body: string | null;
      mediaId: string | null;
      clientId: string | null;
      callId?: string | null;
      callDurationSeconds?: number | null;
    },
  ): Promise<DirectMessageRecord> {
    const message = await this.c.repo.insertMessage(tx, {
      conversationId: conversation.id,
      callId: null,
      callDurationSeconds: null,
      ...input,
      createdAt: new Date(),
    });
    const memberIds = await this.memberIds(tx, conversation.id);
    const event: DirectMessageEvent = { messageId: message.id, conversationId: conversation.id };
    afterCommit(() => memberIds.forEach((id) => this.c.events.publish(directMessageTopic(id), event)));
    return message;
  }

  /** After commit, every member hears that `mark` moved (`conversationRead`). */
  private async publishRead(tx: Db, afterCommit: AfterCommit, mark: ReadMarkRow): Promise<void> {
    const memberIds = await this.memberIds(tx, mark.conversationId);
    const event: ConversationReadEventData = {
      conversationId: mark.conversationId,
      userId: mark.userId,
      lastReadMessageId: mark.lastReadMessageId,
      lastReadAt: (mark.lastReadAt ?? new Date()).toISOString(),
    };
    afterCommit(() => memberIds.forEach((id) => this.c.events.publish(conversationReadTopic(id), event)));
  }

  private async memberIds(em: Db, conversationId: string): Promise<string[]> {
    return (await this.c.repo.members(em, [conversationId])).map((r) => r.userId);
  }

  /** The conversation when the actor is a member of it, else NOT_FOUND (no hint that it exists). */
  private async memberConversation(actor: Actor, em: Db, conversationId: string | null): Promise<ConversationRecord> {
    const [conversation] = conversationId ? await this.c.repo.conversationsOf(em, actor.id, [conversationId]) : [];
    if (!conversation) throw notFound(NOT_A_MEMBER, CONVERSATION_FIELD);
    return conversation;
  }
}
