import { beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { as, createRoom, JOIN, livekit, LOBBY, presence, ROOM, useStack, WEBHOOKS_ENV } from '../facechat/facechat.testkit.js';
import { seedAdmin } from './moderation.testkit.js';

const t = useStack(WEBHOOKS_ENV);
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const SUSPEND = 'mutation($u: ID!) { suspendUser(userId: $u, reason: "abuse in calls") { userErrors { code message } } }';
const SEND = 'mutation($id: ID!, $body: String!) { sendChatMessage(roomId: $id, body: $body) { message { id } userErrors { code } } }';
const CHAT = 'query($id: ID!) { chatMessages(roomId: $id) { totalCount nodes { id } } }';

describe('suspension and rooms', () => {
  it("hides a suspended owner's rooms from members (lobby and by id); staff still see them", async () => {
    const [admin, owner, visitor] = await t.users(3);
    await seedAdmin(stack, admin);
    const room = await createRoom(stack, owner, { title: 'Owner room' });
    const lobbyIds = async (who: typeof visitor) =>
      ((await as(stack, who, LOBBY, { query: 'Owner room' })).nodes as { id: string }[]).map((r) => r.id);
    expect(await lobbyIds(visitor)).toEqual([room.id]);
    expect((await gql(stack, SUSPEND, { u: owner.id }, { token: admin.token })).data.suspendUser.userErrors).toEqual([]);
    expect(await lobbyIds(visitor)).toEqual([]);
    expect(await as(stack, visitor, ROOM, { id: room.id })).toBeNull();
    expect(await as(stack, null, ROOM, { id: room.id })).toBeNull();
    expect((await as(stack, admin, ROOM, { id: room.id }))?.id).toBe(room.id);
  });

  it("hides a suspended user's chat messages from members (history, count, node); staff still see them", async () => {
    const [admin, owner, guest, visitor] = await t.users(4);
    await seedAdmin(stack, admin);
    const room = await createRoom(stack, owner);
    await presence(stack, 'participant_joined', room.id, guest); // connected per LiveKit: a participant
    const sent = await gql(stack, SEND, { id: room.id, body: 'hello all' }, { token: guest.token });
    expect(sent.data.sendChatMessage.userErrors).toEqual([]);
    const messageId = sent.data.sendChatMessage.message.id;
    const seen = async (who: typeof visitor) => {
      const [chat, node] = await Promise.all([
        gql(stack, CHAT, { id: room.id }, { token: who.token }),
        gql(stack, 'query($id: ID!) { node(id: $id) { id } }', { id: messageId }, { token: who.token }),
      ]);
      return { chat: chat.data.chatMessages, node: node.data.node !== null };
    };
    const visible = { chat: { totalCount: 1, nodes: [{ id: messageId }] }, node: true };
    expect(await seen(visitor)).toEqual(visible);
    expect((await gql(stack, SUSPEND, { u: guest.id }, { token: admin.token })).data.suspendUser.userErrors).toEqual([]);
    expect(await seen(visitor)).toEqual({ chat: { totalCount: 0, nodes: [] }, node: false });
    expect(await seen(owner)).toEqual({ chat: { totalCount: 0, nodes: [] }, node: false });
    expect(await seen(admin)).toEqual(visible);
  });

  it.skipIf(!livekit)('takes a suspended participant out of every room they are in (membership, presence, LiveKit)', async () => {
    const [admin, owner, guest] = await t.users(3);
    await seedAdmin(stack, admin);
    const rooms = [await createRoom(stack, owner), await createRoom(stack, owner)];
    for (const room of rooms) {
      expect((await as(stack, guest, JOIN, { id: room.id })).userErrors).toEqual([]);
      await presence(stack, 'participant_joined', room.id, guest);
      expect((await as(stack, owner, ROOM, { id: room.id })).participantCount).toBe(1);
    }
    expect((await gql(stack, SUSPEND, { u: guest.id }, { token: admin.token })).data.suspendUser.userErrors).toEqual([]);
    for (const room of rooms) {
      const seen = await as(stack, owner, ROOM, { id: room.id });
      expect(seen).toMatchObject({ participantCount: 0, participants: [] });
    }
  });
});
