/** Shared by the direct-message tests: documents and helpers. */
import { expect } from 'vitest';
import { fromGlobalId } from '../../kernel/ids.js';
import type { TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { act, FOLLOW } from '../friends/friends.testkit.js';
import { as } from '../facechat/facechat.testkit.js';

const ERRORS = 'userErrors { code field message }';
export const CONVERSATION_FIELDS = `id title isGroup createdAt updatedAt viewerUnreadCount viewerCanSend members { id }
  lastMessage { id body kind } readReceipts { user { id } lastReadMessageId lastReadAt }`;
const MESSAGE_FIELDS = 'id kind body clientId callDurationSeconds createdAt author { id } image { id url } conversation { id }';

export const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) {
  conversation { ${CONVERSATION_FIELDS} } ${ERRORS} } }`;
export const SEND = `mutation($input: SendDirectMessageInput!) { sendDirectMessage(input: $input) { message { ${MESSAGE_FIELDS} } ${ERRORS} } }`;
export const MARK_READ = `mutation($input: MarkConversationReadInput!) { markConversationRead(input: $input) {
  conversation { ${CONVERSATION_FIELDS} } ${ERRORS} } }`;
export const SET_TYPING = `mutation($input: SetTypingInput!) { setTyping(input: $input) { ${ERRORS} } }`;
export const CONVERSATION = `query($id: ID!) { conversation(id: $id) { ${CONVERSATION_FIELDS} } }`;
export const NODE = `query($id: ID!) { node(id: $id) { id ... on Conversation { isGroup } ... on DirectMessage { body } } }`;
export const MESSAGES = `query($id: ID!, $first: Int, $after: String) { conversation(id: $id) {
  messages(first: $first, after: $after) { totalCount edges { cursor } nodes { ${MESSAGE_FIELDS} } pageInfo { hasNextPage endCursor } } } }`;
export const UNREAD_CONVERSATIONS = 'query { viewerUnreadConversationCount }';
export const CONVERSATIONS = `query($first: Int, $after: String) { conversations(first: $first, after: $after) {
  totalCount nodes { id viewerUnreadCount lastMessage { body } } pageInfo { hasNextPage endCursor } } }`;

export const MESSAGE_ADDED = `subscription($id: ID) { directMessageAdded(conversationId: $id) { ${MESSAGE_FIELDS} } }`;
export const READ = `subscription($id: ID) { conversationRead(conversationId: $id) {
  conversation { id viewerUnreadCount } user { id } lastReadMessageId lastReadAt } }`;
export const TYPING = 'subscription($id: ID!) { typing(conversationId: $id) { conversation { id } user { id } typing } }';

export const rawUserId = (user: TestUser) => fromGlobalId(user.id, 'User')!;
export const rawConversationId = (globalId: string) => fromGlobalId(globalId, 'Conversation')!;
export const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

export async function follow(stack: TestStack, follower: TestUser, followee: TestUser): Promise<void> {
  const res = await act(stack, follower, FOLLOW, followee.id);
  if (res.userErrors?.length) throw new Error(JSON.stringify(res.userErrors));
}

/** Starts a conversation as `who` with `others` and returns it (throws on userErrors). */
export async function startWith(stack: TestStack, who: TestUser, others: TestUser[], title?: string) {
  const res = await as(stack, who, START, { input: { userIds: others.map((o) => o.id), title } });
  if (!res.conversation) throw new Error(JSON.stringify(res));
  return res.conversation as { id: string; [key: string]: any };
}

/** Sends a message as `who` and returns it (throws on userErrors). */
export async function sendText(stack: TestStack, who: TestUser, conversationId: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await as(stack, who, SEND, { input: { conversationId, body, ...extra } });
  if (!res.message) throw new Error(JSON.stringify(res));
  return res.message as { id: string; [key: string]: any };
}

/** Resolves once `count` listeners wait on `topic` (a subscription is set up on the server). */
export async function listening(stack: TestStack, topic: string, count = 1): Promise<void> {
  await expect.poll(() => stack.app.pubsub.listenerCount(topic), { timeout: 5000 }).toBeGreaterThanOrEqual(count);
}
