import { beforeAll, describe, expect, it } from 'vitest';
import { settle, subscribe } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { as, befriend, useStack } from '../facechat/facechat.testkit.js';
import { conversationReadTopic, directMessageTopic, typingTopic } from './messages.events.js';
import {
  codes,
  CONVERSATION,
  listening,
  MARK_READ,
  MESSAGE_ADDED,
  rawConversationId,
  rawUserId,
  READ,
  SET_TYPING,
  sendText,
  startWith,
  TYPING,
  UNREAD_CONVERSATIONS,
} from './messages.testkit.js';

// What members see live over graphql-ws: new messages, read marks and typing.
const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;

describe('directMessageAdded', () => {
  it("reaches every member's sockets (the author's other tabs too, with the clientId), and nobody else", async () => {
    const [ann, bob, cat, eve] = await users(4);
    await befriend(stack, ann, bob);
    await befriend(stack, ann, cat);
    const group = await startWith(stack, ann, [bob, cat]);
    const direct = await startWith(stack, ann, [bob]);
    const toBob = subscribe(client(bob.token), MESSAGE_ADDED, {});
    const toBobGroupOnly = subscribe(client(bob.token), MESSAGE_ADDED, { id: group.id });
    const toCat = subscribe(client(cat.token), MESSAGE_ADDED, {});
    const toAnnsOtherTab = subscribe(client(ann.token), MESSAGE_ADDED, {});
    const toEve = subscribe(client(eve.token), MESSAGE_ADDED, {});
    await listening(stack, directMessageTopic(rawUserId(bob)), 2);
    await Promise.all([cat, ann, eve].map((who) => listening(stack, directMessageTopic(rawUserId(who)))));

    const sent = await sendText(stack, ann, group.id, 'Hello group', { clientId: 'tmp-1' });
    const expected = {
      id: sent.id,
      kind: 'TEXT',
      body: 'Hello group',
      clientId: 'tmp-1',
      author: { id: ann.id },
      conversation: { id: group.id },
    };
    for (const sub of [toBob, toBobGroupOnly, toCat, toAnnsOtherTab])
      expect((await sub.next(3000)).data!.directMessageAdded).toMatchObject(expected);

    await sendText(stack, bob, direct.id, 'Just us');
    expect((await toBob.next(3000)).data!.directMessageAdded).toMatchObject({ body: 'Just us', author: { id: bob.id } });
    expect((await toAnnsOtherTab.next(3000)).data!.directMessageAdded.body).toBe('Just us');
    await settle(300);
    expect(toBobGroupOnly.events).toHaveLength(1);
    expect(toCat.events).toHaveLength(1);
    expect(toEve.events).toEqual([]);
  });

  it("refuses a filter on someone else's conversation", async () => {
    const [ann, bob, eve] = await users(3);
    await befriend(stack, ann, bob);
    const { id } = await startWith(stack, ann, [bob]);
    const sub = subscribe(client(eve.token), MESSAGE_ADDED, { id });
    await expect.poll(() => JSON.stringify(sub.error ?? sub.events[0]?.errors ?? null)).toContain('NOT_FOUND');
  });
});

describe('unread counts and read receipts', () => {
  it('counts messages by others after the read mark; markConversationRead moves it forward and tells every member live', async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const { id } = await startWith(stack, ann, [bob]);
    const m1 = await sendText(stack, ann, id, 'one');
    const m2 = await sendText(stack, ann, id, 'two');
    const m3 = await sendText(stack, ann, id, 'three');
    expect((await as(stack, bob, CONVERSATION, { id })).viewerUnreadCount).toBe(3);
    expect(await as(stack, bob, UNREAD_CONVERSATIONS)).toBe(1);
    expect((await as(stack, ann, CONVERSATION, { id })).viewerUnreadCount).toBe(0);
    expect(await as(stack, ann, UNREAD_CONVERSATIONS)).toBe(0);

    const annSees = subscribe(client(ann.token), READ, { id });
    const bobsOtherTab = subscribe(client(bob.token), READ, {});
    await listening(stack, conversationReadTopic(rawUserId(ann)));
    await listening(stack, conversationReadTopic(rawUserId(bob)));

    const upToTwo = await as(stack, bob, MARK_READ, { input: { conversationId: id, messageId: m2.id } });
    expect(upToTwo.userErrors).toEqual([]);
    expect(upToTwo.conversation.viewerUnreadCount).toBe(1);
    const event = (await annSees.next(3000)).data!.conversationRead;
    expect(event).toMatchObject({ conversation: { id }, user: { id: bob.id }, lastReadMessageId: m2.id });
    expect(Date.parse(event.lastReadAt)).not.toBeNaN();
    expect((await bobsOtherTab.next(3000)).data!.conversationRead).toMatchObject({
      user: { id: bob.id },
      conversation: { viewerUnreadCount: 1 },
    });
    expect((await as(stack, ann, CONVERSATION, { id })).readReceipts).toEqual([
      { user: { id: bob.id }, lastReadMessageId: m2.id, lastReadAt: event.lastReadAt },
    ]);

    // Never backwards: an older message changes nothing and tells nobody.
    const back = await as(stack, bob, MARK_READ, { input: { conversationId: id, messageId: m1.id } });
    expect(back.conversation.viewerUnreadCount).toBe(1);
    await settle(300);
    expect(annSees.events).toHaveLength(1);

    // Without messageId: up to the newest.
    const all = await as(stack, bob, MARK_READ, { input: { conversationId: id } });
    expect(all.conversation.viewerUnreadCount).toBe(0);
    expect((await annSees.next(3000)).data!.conversationRead.lastReadMessageId).toBe(m3.id);
    expect(await as(stack, bob, UNREAD_CONVERSATIONS)).toBe(0);

    // Writing reads: a reply moves the writer's mark to it.
    const four = await sendText(stack, ann, id, 'four');
    // Ann's own mark moved too: her other tabs hear of it.
    expect((await annSees.next(3000)).data!.conversationRead).toMatchObject({ user: { id: ann.id }, lastReadMessageId: four.id });
    expect(await as(stack, bob, UNREAD_CONVERSATIONS)).toBe(1);
    const reply = await sendText(stack, bob, id, 'reply');
    expect((await annSees.next(3000)).data!.conversationRead).toMatchObject({ user: { id: bob.id }, lastReadMessageId: reply.id });
    expect((await as(stack, bob, CONVERSATION, { id })).viewerUnreadCount).toBe(0);
    expect((await as(stack, ann, CONVERSATION, { id })).readReceipts[0].lastReadMessageId).toBe(reply.id);
  });

  it('refuses non-members and messages of other conversations', async () => {
    const [ann, bob, eve] = await users(3);
    await befriend(stack, ann, bob);
    await befriend(stack, eve, bob);
    const { id } = await startWith(stack, ann, [bob]);
    const other = await startWith(stack, eve, [bob]);
    const elsewhere = await sendText(stack, eve, other.id, 'elsewhere');
    expect(codes(await as(stack, eve, MARK_READ, { input: { conversationId: id } }))).toEqual(['NOT_FOUND']);
    const wrong = await as(stack, bob, MARK_READ, { input: { conversationId: id, messageId: elsewhere.id } });
    expect(wrong.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'messageId'] })]);
  });
});

describe('typing', () => {
  it('reaches the other members, not the typist; sending a message says they stopped; members only', async () => {
    const [ann, bob, eve] = await users(3);
    await befriend(stack, ann, bob);
    const { id } = await startWith(stack, ann, [bob]);
    const toBob = subscribe(client(bob.token), TYPING, { id });
    const toAnn = subscribe(client(ann.token), TYPING, { id });
    await listening(stack, typingTopic(rawConversationId(id)), 2);

    expect((await as(stack, ann, SET_TYPING, { input: { conversationId: id, typing: true } })).userErrors).toEqual([]);
    expect((await toBob.next(3000)).data!.typing).toEqual({ conversation: { id }, user: { id: ann.id }, typing: true });
    await sendText(stack, ann, id, 'done typing');
    expect((await toBob.next(3000)).data!.typing).toMatchObject({ user: { id: ann.id }, typing: false });
    await settle(300);
    expect(toAnn.events).toEqual([]);

    expect(codes(await as(stack, eve, SET_TYPING, { input: { conversationId: id, typing: true } }))).toEqual(['NOT_FOUND']);
    const toEve = subscribe(client(eve.token), TYPING, { id });
    await expect.poll(() => JSON.stringify(toEve.error ?? toEve.events[0]?.errors ?? null)).toContain('NOT_FOUND');
  });
});
