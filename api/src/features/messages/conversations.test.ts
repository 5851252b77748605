import { beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../kernel/ids.js';
import { gql } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { as, befriend, block, useStack } from '../facechat/facechat.testkit.js';
import { uploadMedia } from '../media/media.testkit.js';
import {
  codes,
  CONVERSATION,
  CONVERSATION_FIELDS,
  CONVERSATIONS,
  follow,
  MESSAGES,
  NODE,
  SEND,
  sendText,
  START,
  startWith,
} from './messages.testkit.js';

// Starting conversations, who may write to whom, who sees what, pages of history and images.
const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { users } = t;

describe('startConversation', () => {
  it('starts a 1:1 conversation with a friend once; starting it again (either side) returns the same one', async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const first = await startWith(stack, ann, [bob]);
    expect(first).toMatchObject({ isGroup: false, title: null, viewerUnreadCount: 0, viewerCanSend: true, lastMessage: null });
    expect(first.members.map((m: { id: string }) => m.id).sort()).toEqual([ann.id, bob.id].sort());
    expect((await startWith(stack, ann, [bob])).id).toBe(first.id);
    expect((await startWith(stack, bob, [ann])).id).toBe(first.id);
    // Started but empty: listed for the one who started it, not yet for the other.
    expect((await as(stack, ann, CONVERSATIONS)).nodes.map((c: { id: string }) => c.id)).toEqual([first.id]);
    expect((await gql(stack, CONVERSATIONS, {}, { token: bob.token })).data.conversations.totalCount).toBe(0);
  });

  it('starts groups of 3–8 with an optional title; refuses more than 7 others, yourself and nobody', async () => {
    const [ann, ...others] = await users(9);
    for (const other of others) await befriend(stack, ann, other);
    const group = await startWith(stack, ann, others.slice(0, 2), '  Weekend trip ');
    expect(group).toMatchObject({ isGroup: true, title: 'Weekend trip', viewerCanSend: true });
    expect(group.members).toHaveLength(3);
    // Every group is a new one.
    expect((await startWith(stack, ann, others.slice(0, 2))).id).not.toBe(group.id);
    expect((await startWith(stack, ann, others.slice(0, 7))).members).toHaveLength(8);

    const tooMany = await as(stack, ann, START, { input: { userIds: others.map((o) => o.id) } });
    expect(tooMany).toMatchObject({ conversation: null, userErrors: [{ code: 'INVALID', field: ['input', 'userIds'] }] });
    const self = await as(stack, ann, START, { input: { userIds: [ann.id] } });
    expect(codes(self)).toContain('INVALID');
    expect(codes(await as(stack, ann, START, { input: { userIds: [] } }))).toEqual(['INVALID']);
    const badId = await as(stack, ann, START, { input: { userIds: ['nonsense'] } });
    expect(badId.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'userIds', '0'] })]);
  });

  it('is open to friends and mutual followers only: a stranger or a one-way follow is FORBIDDEN', async () => {
    const [ann, stranger, fan, mutual] = await users(4);
    const refused = await as(stack, ann, START, { input: { userIds: [stranger.id] } });
    expect(refused).toMatchObject({ conversation: null, userErrors: [{ code: 'FORBIDDEN', field: ['input', 'userIds'] }] });

    await follow(stack, fan, ann);
    expect(codes(await as(stack, ann, START, { input: { userIds: [fan.id] } }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(stack, fan, START, { input: { userIds: [ann.id] } }))).toEqual(['FORBIDDEN']);

    await follow(stack, ann, mutual);
    await follow(stack, mutual, ann);
    expect((await startWith(stack, mutual, [ann])).viewerCanSend).toBe(true);

    // A group needs every other member to be one's friend or mutual follower.
    expect(codes(await as(stack, ann, START, { input: { userIds: [mutual.id, stranger.id] } }))).toEqual(['FORBIDDEN']);
  });

  it('is refused signed out', async () => {
    const res = await gql(stack, CONVERSATIONS);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('blocks', () => {
  it('a block either way makes starting and sending FORBIDDEN and viewerCanSend false; the history stays readable', async () => {
    const [ann, bob, cat] = await users(3);
    await befriend(stack, ann, bob);
    await befriend(stack, ann, cat);
    await befriend(stack, bob, cat);
    const direct = await startWith(stack, ann, [bob]);
    const group = await startWith(stack, ann, [bob, cat]);
    await sendText(stack, ann, direct.id, 'before');

    await block(stack, bob, ann);
    for (const who of [ann, bob]) {
      const seen = await as(stack, who, CONVERSATION, { id: direct.id });
      expect(seen).toMatchObject({ viewerCanSend: false, lastMessage: { body: 'before' } });
    }
    expect((await as(stack, ann, CONVERSATION, { id: group.id })).viewerCanSend).toBe(false);
    // Cat is blocked by nobody: she may still write in the group.
    expect((await as(stack, cat, CONVERSATION, { id: group.id })).viewerCanSend).toBe(true);

    const sent = await as(stack, ann, SEND, { input: { conversationId: direct.id, body: 'hello?' } });
    expect(sent).toMatchObject({ message: null, userErrors: [{ code: 'FORBIDDEN', field: ['input', 'conversationId'] }] });
    expect(codes(await as(stack, bob, SEND, { input: { conversationId: group.id, body: 'hi all' } }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(stack, ann, START, { input: { userIds: [bob.id] } }))).toEqual(['FORBIDDEN']);
    expect((await as(stack, cat, SEND, { input: { conversationId: group.id, body: 'hi all' } })).userErrors).toEqual([]);
  });
});

describe('sendDirectMessage input', () => {
  it('answers bad input with userErrors: empty, too long, not a member, unknown conversation', async () => {
    const [ann, bob, eve] = await users(3);
    await befriend(stack, ann, bob);
    const { id } = await startWith(stack, ann, [bob]);
    const empty = await as(stack, ann, SEND, { input: { conversationId: id, body: '   ' } });
    expect(empty).toMatchObject({ message: null, userErrors: [{ code: 'INVALID', field: ['input', 'body'] }] });
    const long = await as(stack, ann, SEND, { input: { conversationId: id, body: 'x'.repeat(2001) } });
    expect(long.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'body'] })]);
    expect((await sendText(stack, ann, id, 'y'.repeat(2000))).body).toHaveLength(2000);
    const outsider = await as(stack, eve, SEND, { input: { conversationId: id, body: 'let me in' } });
    expect(outsider.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'conversationId'] })]);
    expect(codes(await as(stack, ann, SEND, { input: { conversationId: 'bogus', body: 'hi' } }))).toEqual(['NOT_FOUND']);
  });
});

describe('who sees a conversation', () => {
  it('members only: conversation(id) and node(id) are null for anyone else, also for its messages', async () => {
    const [ann, bob, eve] = await users(3);
    await befriend(stack, ann, bob);
    const { id } = await startWith(stack, ann, [bob]);
    const message = await sendText(stack, bob, id, 'only for Ann');
    expect((await as(stack, ann, NODE, { id })).id).toBe(id);
    expect(await as(stack, ann, NODE, { id: message.id })).toEqual({ id: message.id, body: 'only for Ann' });
    expect(await as(stack, eve, NODE, { id })).toBeNull();
    expect(await as(stack, eve, NODE, { id: message.id })).toBeNull();
    expect(await as(stack, eve, CONVERSATION, { id })).toBeNull();
    expect((await gql(stack, NODE, { id })).data.node).toBeNull();
    expect((await as(stack, eve, CONVERSATIONS)).totalCount).toBe(0);
  });
});

interface MessagePage {
  totalCount: number;
  nodes: { body: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('history', () => {
  it('pages newest first with `after` going to older messages; the list follows the latest activity', async () => {
    const [ann, bob, cat] = await users(3);
    await befriend(stack, ann, bob);
    await befriend(stack, ann, cat);
    const withBob = await startWith(stack, ann, [bob]);
    const withCat = await startWith(stack, ann, [cat]);
    for (let i = 1; i <= 7; i++) await sendText(stack, i % 2 ? ann : bob, withBob.id, `m${i}`);
    await sendText(stack, cat, withCat.id, 'cat was here');

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: MessagePage = (await as(stack, bob, MESSAGES, { id: withBob.id, first: 3, after })).messages;
      expect(page.totalCount).toBe(7);
      seen.push(...page.nodes.map((n) => n.body));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['m7', 'm6', 'm5', 'm4', 'm3', 'm2', 'm1']);

    const list = await as(stack, ann, CONVERSATIONS, { first: 1 });
    expect(list.nodes.map((c: { id: string }) => c.id)).toEqual([withCat.id]);
    const next = await as(stack, ann, CONVERSATIONS, { first: 1, after: list.pageInfo.endCursor });
    // Ann wrote last: writing reads everything before it.
    expect(next.nodes).toEqual([{ id: withBob.id, viewerUnreadCount: 0, lastMessage: { body: 'm7' } }]);
    expect(next.pageInfo.hasNextPage).toBe(false);
    await sendText(stack, bob, withBob.id, 'back on top');
    expect((await as(stack, ann, CONVERSATIONS)).nodes).toEqual([
      { id: withBob.id, viewerUnreadCount: 1, lastMessage: { body: 'back on top' } },
      { id: withCat.id, viewerUnreadCount: 1, lastMessage: { body: 'cat was here' } },
    ]);
  });
});

describe('images', () => {
  it("sends an uploaded image alone or with text; someone else's upload is FORBIDDEN, an unknown one NOT_FOUND", async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const { id } = await startWith(stack, ann, [bob]);
    const mediaId = await uploadMedia(stack, ann.token);
    const alone = await as(stack, ann, SEND, { input: { conversationId: id, mediaId } });
    expect(alone.userErrors).toEqual([]);
    expect(alone.message).toMatchObject({ kind: 'TEXT', body: null, image: { id: mediaId, url: expect.any(String) } });
    const both = await sendText(stack, ann, id, 'look', { mediaId });
    expect(both).toMatchObject({ body: 'look', image: { id: mediaId } });
    // Bob sees it in the history, and may open the image by id (it is in his conversation).
    expect((await as(stack, bob, MESSAGES, { id })).messages.nodes[0].image.id).toBe(mediaId);
    const media = await gql(stack, 'query($id: ID!) { node(id: $id) { id } }', { id: mediaId }, { token: bob.token });
    expect(media.data.node).toEqual({ id: mediaId });

    const bobsMedia = await uploadMedia(stack, bob.token);
    const notOwn = await as(stack, ann, SEND, { input: { conversationId: id, mediaId: bobsMedia } });
    expect(notOwn.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'mediaId'] })]);
    const unknown = await as(stack, ann, SEND, { input: { conversationId: id, mediaId: 'nope' } });
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'mediaId'] })]);
  });
});

describe('the list of conversations', () => {
  it('costs the same number of statements for 2 or 6 conversations with every field (batched per page)', async () => {
    const [ann, ...others] = await users(7);
    for (const other of others) await befriend(stack, ann, other);
    for (const other of others) {
      const { id } = await startWith(stack, ann, [other]);
      await sendText(stack, other, id, 'hi');
    }
    await startWith(stack, ann, others.slice(0, 3), 'group');
    const LIST = `query($first: Int) { conversations(first: $first) { nodes { ${CONVERSATION_FIELDS} } } }`;
    const run = (first: number) => stack.countQueries(() => gql(stack, LIST, { first }, { token: ann.token }));
    const two = await run(2);
    const six = await run(6);
    expect(two.result.data.conversations.nodes).toHaveLength(2);
    expect(six.result.data.conversations.nodes).toHaveLength(6);
    expect(six.queries).toBe(two.queries);
  });
});

describe('image clean-up', () => {
  it('an old upload sent in a conversation is kept; an old one attached nowhere is deleted', async () => {
    const [ann, bob] = await users(2);
    await befriend(stack, ann, bob);
    const { id } = await startWith(stack, ann, [bob]);
    const sent = await uploadMedia(stack, ann.token);
    const orphan = await uploadMedia(stack, ann.token);
    await sendText(stack, ann, id, 'keep this', { mediaId: sent });
    const raw = [sent, orphan].map((m) => fromGlobalId(m, 'Media')!);
    const conn = stack.orm.em.fork().getConnection();
    await conn.execute(`update media set created_at = now() - interval '25 hours' where id in (?)`, [raw]);
    await stack.app.services.media.deleteUnattached(stack.orm.em.fork(), 24);
    const left = await conn.execute<{ id: string }[]>('select id from media where id in (?)', [raw]);
    expect(left.map((r) => r.id)).toEqual([raw[0]]);
    expect((await as(stack, bob, MESSAGES, { id })).messages.nodes[0].image.id).toBe(sent);
  });
});
