/** What the direct-message service takes, as adapters hand it over. */

/** Ids arrive decoded by the adapter: null when a global id was malformed (or of another type). */
export interface StartConversationRequest {
  userIds: (string | null)[];
  title?: string | null;
}
export interface SendDirectMessageRequest {
  conversationId: string | null;
  body?: string | null;
  mediaId?: string | null;
  /** True when the client sent a mediaId at all (even a malformed one). */
  hasMedia: boolean;
  clientId?: string | null;
}
export interface MarkReadRequest {
  conversationId: string | null;
  messageId?: string | null;
  hasMessageId: boolean;
}
export interface SetTypingRequest {
  conversationId: string | null;
  typing: boolean;
}

/** A 1:1 call that is over, as facechat tells it (its `CallLog`). */
export interface FinishedCall {
  callId: string;
  callerId: string;
  calleeId: string;
  /** Answered and then ended (CALL_ENDED); otherwise nobody answered (CALL_MISSED). */
  answered: boolean;
  durationSeconds: number | null;
}
