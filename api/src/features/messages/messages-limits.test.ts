import { beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../test/stack.js';
import { as, befriend, useStack } from '../facechat/facechat.testkit.js';
import { MESSAGES, SEND, SET_TYPING, START, startWith } from './messages.testkit.js';

const REFUSABLE_SEND = `mutation($input: SendDirectMessageInput!) { sendDirectMessage(input: $input) {
  message { id } userErrors { code retryAfterSeconds } } }`;

// Rate limits of direct messages (small numbers here; the defaults are in config.ts).
const t = useStack({ RATE_LIMIT_DIRECT_MESSAGES: '3/60', RATE_LIMIT_TYPING_SIGNALS: '2/60', RATE_LIMIT_CONVERSATION_STARTS: '2/60' });
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { users } = t;

describe('rate limits', () => {
  it('sendDirectMessage: 3 per user, then RATE_LIMITED with retry-after and nothing stored', async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const { id } = await startWith(stack, ann, [bob]);
    for (let i = 0; i < 3; i++)
      expect((await as(stack, ann, SEND, { input: { conversationId: id, body: `m${i}` } })).userErrors).toEqual([]);
    const refused = await as(stack, ann, REFUSABLE_SEND, { input: { conversationId: id, body: 'one too many' } });
    expect(refused.message).toBeNull();
    expect(refused.userErrors).toEqual([{ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }]);
    expect(refused.userErrors[0].retryAfterSeconds).toBeGreaterThan(0);
    expect((await as(stack, bob, MESSAGES, { id })).messages.totalCount).toBe(3);
    // Counted per user: Bob may still write.
    expect((await as(stack, bob, SEND, { input: { conversationId: id, body: 'my turn' } })).userErrors).toEqual([]);
  });

  it('setTyping and startConversation are limited per user too', async () => {
    const [ann, bob, cat] = await users(3);
    await befriend(stack, ann, bob);
    await befriend(stack, ann, cat);
    const { id } = await startWith(stack, ann, [bob]);
    const typing = () => as(stack, ann, SET_TYPING, { input: { conversationId: id, typing: true } });
    expect((await typing()).userErrors).toEqual([]);
    expect((await typing()).userErrors).toEqual([]);
    expect((await typing()).userErrors.map((e: { code: string }) => e.code)).toEqual(['RATE_LIMITED']);
    expect((await as(stack, ann, START, { input: { userIds: [cat.id] } })).userErrors).toEqual([]);
    const third = await as(stack, ann, START, { input: { userIds: [bob.id, cat.id] } });
    expect(third).toMatchObject({ conversation: null, userErrors: [{ code: 'RATE_LIMITED' }] });
  });
});
