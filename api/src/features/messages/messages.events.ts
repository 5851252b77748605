/** Live topics of direct messages: the service publishes after commit, the GraphQL subscriptions listen. */

/** `directMessageAdded` of one member (every member gets its own copy, the author included). */
export const directMessageTopic = (userId: string) => `dm:${userId}`;
export interface DirectMessageEvent {
  messageId: string;
  conversationId: string;
}

/** `conversationRead` of one member: someone in one of their conversations (maybe they) moved a read mark. */
export const conversationReadTopic = (userId: string) => `dm-read:${userId}`;
export interface ConversationReadEventData {
  conversationId: string;
  userId: string;
  lastReadMessageId: string | null;
  /** ISO time: payloads travel as JSON between instances. */
  lastReadAt: string;
}

/** `typing` of one conversation; never stored. */
export const typingTopic = (conversationId: string) => `dm-typing:${conversationId}`;
export interface TypingEventData {
  conversationId: string;
  userId: string;
  typing: boolean;
}
