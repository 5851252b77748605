import { toRecord } from '../../kernel/rows.js';
import type { DirectMessageKindValue } from './messages.entity.js';

/** A conversation row as read paths return it (`__typename` lets `node(id)` resolve it). */
export interface ConversationRecord {
  __typename: 'Conversation';
  id: string;
  title: string | null;
  isGroup: boolean;
  directKey: string | null;
  createdById: string | null;
  lastMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DirectMessageRecord {
  __typename: 'DirectMessage';
  id: string;
  conversationId: string;
  authorId: string;
  kind: DirectMessageKindValue;
  body: string | null;
  mediaId: string | null;
  callId: string | null;
  callDurationSeconds: number | null;
  clientId: string | null;
  createdAt: Date;
}

/** A member's read mark. */
export interface ReadMarkRow {
  conversationId: string;
  userId: string;
  lastReadMessageId: string | null;
  lastReadAt: Date | null;
}

export const toConversation = toRecord<ConversationRecord>('Conversation');
export const toDirectMessage = toRecord<DirectMessageRecord>('DirectMessage');
