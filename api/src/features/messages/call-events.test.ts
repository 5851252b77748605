import { beforeAll, describe, expect, it } from 'vitest';
import { gql, subscribe, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { ACCEPT_CALL, as, befriend, block, DECLINE_CALL, END_CALL, livekit, START_CALL, useStack } from '../facechat/facechat.testkit.js';
import { directMessageTopic } from './messages.events.js';
import { listening, MESSAGE_ADDED, rawUserId, sendText, startWith } from './messages.testkit.js';

// A 1:1 call that is over leaves CALL_MISSED or CALL_ENDED (with its duration) in the pair's conversation.
const t = useStack({ CALL_RING_TIMEOUT_MS: '1500' });
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;

const STATUS = 'query($id: ID!) { node(id: $id) { ... on Call { status } } }';
const LATEST = `query { conversations { nodes { id isGroup members { id }
  messages(first: 5) { nodes { kind body callDurationSeconds author { id } } } } } }`;
interface Listed {
  id: string;
  isGroup: boolean;
  members: { id: string }[];
  messages: { nodes: { kind: string; body: string | null; callDurationSeconds: number | null; author: { id: string } }[] };
}
const conversationsOf = async (who: TestUser): Promise<Listed[]> =>
  (await gql(stack, LATEST, {}, { token: who.token })).data.conversations.nodes;
const startCall = async (caller: TestUser, callees: TestUser[]) => {
  const res = await as(stack, caller, START_CALL, { ids: callees.map((c) => c.id) });
  if (!res.call) throw new Error(JSON.stringify(res));
  return res.call as { id: string };
};

describe.skipIf(!livekit)('call events in the 1:1 conversation', () => {
  it('a call nobody answered adds CALL_MISSED by the caller, live for both, in a conversation made for them', async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const toBob = subscribe(client(bob.token), MESSAGE_ADDED, {});
    await listening(stack, directMessageTopic(rawUserId(bob)));

    await startCall(ann, [bob]);
    // The ring timeout (1.5 s) makes it MISSED.
    const event = (await toBob.next(8000)).data!.directMessageAdded;
    expect(event).toMatchObject({ kind: 'CALL_MISSED', body: null, callDurationSeconds: null, author: { id: ann.id } });
    const [conversation] = await conversationsOf(bob);
    expect(conversation).toMatchObject({ id: event.conversation.id, isGroup: false });
    expect(conversation.messages.nodes).toEqual([{ kind: 'CALL_MISSED', body: null, callDurationSeconds: null, author: { id: ann.id } }]);
    expect((await gql(stack, 'query { viewerUnreadConversationCount }', {}, { token: bob.token })).data.viewerUnreadConversationCount).toBe(
      1,
    );
  });

  it('a declined call is missed too, and goes into the conversation they already have', async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const existing = await startWith(stack, bob, [ann]);
    await sendText(stack, bob, existing.id, 'call me');
    const call = await startCall(ann, [bob]);
    expect((await as(stack, bob, DECLINE_CALL, { id: call.id })).userErrors).toEqual([]);
    await expect.poll(async () => (await conversationsOf(ann))[0]?.messages.nodes[0]?.kind, { timeout: 5000 }).toBe('CALL_MISSED');
    const [conversation] = await conversationsOf(ann);
    expect(conversation.id).toBe(existing.id);
    expect(conversation.messages.nodes.map((m) => m.kind)).toEqual(['CALL_MISSED', 'TEXT']);
  });

  it('an answered call adds CALL_ENDED with its duration once it ends', async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const toAnn = subscribe(client(ann.token), MESSAGE_ADDED, {});
    await listening(stack, directMessageTopic(rawUserId(ann)));
    const call = await startCall(ann, [bob]);
    expect((await as(stack, bob, ACCEPT_CALL, { id: call.id })).userErrors).toEqual([]);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await as(stack, ann, END_CALL, { id: call.id })).userErrors).toEqual([]);
    const event = (await toAnn.next(5000)).data!.directMessageAdded;
    expect(event).toMatchObject({ kind: 'CALL_ENDED', author: { id: ann.id } });
    expect(event.callDurationSeconds).toBeGreaterThanOrEqual(1);
    expect(event.callDurationSeconds).toBeLessThan(30);
    // Once per call.
    const [conversation] = await conversationsOf(bob);
    expect(conversation.messages.nodes).toHaveLength(1);
  });

  it('a call ended by a block adds nothing, not even to the conversation they had', async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const existing = await startWith(stack, ann, [bob]);
    await sendText(stack, ann, existing.id, 'before');
    const call = await startCall(ann, [bob]);
    await block(stack, bob, ann);
    const status = async () => (await gql(stack, STATUS, { id: call.id }, { token: ann.token })).data.node?.status;
    await expect.poll(status, { timeout: 5000 }).toBe('DECLINED');
    await new Promise((r) => setTimeout(r, 500));
    const [conversation] = await conversationsOf(ann);
    expect(conversation.messages.nodes.map((m) => m.kind)).toEqual(['TEXT']);
  });

  it('group calls add nothing', async () => {
    const [ann, bob, cat] = await users(3);
    await befriend(stack, ann, bob);
    await befriend(stack, ann, cat);
    const call = await startCall(ann, [bob, cat]);
    await as(stack, bob, DECLINE_CALL, { id: call.id });
    await as(stack, cat, DECLINE_CALL, { id: call.id });
    await new Promise((r) => setTimeout(r, 500));
    expect(await conversationsOf(ann)).toEqual([]);
  });
});
