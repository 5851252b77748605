import { beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, subscribe, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { jpeg, upload } from '../media/media.testkit.js';
import {
  ACCEPT_CALL,
  as,
  befriend,
  block,
  createRoom,
  JOIN,
  LEAVE,
  livekit,
  presence,
  rawRoom,
  START_CALL,
  useStack,
} from './facechat.testkit.js';

const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;
const SEND =
  'mutation($id: ID!, $body: String!) { sendChatMessage(roomId: $id, body: $body) { message { id kind body author { id } room { id } } userErrors { code field } } }';
const HISTORY = `query($id: ID!, $first: Int, $after: String) { chatMessages(roomId: $id, first: $first, after: $after) {
  totalCount nodes { kind body author { id } } pageInfo { hasNextPage endCursor } } }`;
const ADDED = 'subscription($id: ID!) { chatMessageAdded(roomId: $id) { kind body author { id } } }';
const send = (who: TestUser, roomId: string, body: string) => as(stack, who, SEND, { id: roomId, body });
const bodies = async (who: TestUser, roomId: string) =>
  (await as(stack, who, HISTORY, { id: roomId })).nodes.map((n: { body: string }) => n.body);

describe.skipIf(!livekit)('in-call chat', () => {
  it('participants send; history is kept for late joiners, newest first; chatMessageAdded reaches those allowed in', async () => {
    const [owner, guest, late, stranger] = await users(4);
    const room = await createRoom(stack, owner, { visibility: 'FRIENDS' });
    await befriend(stack, owner, guest);
    await befriend(stack, owner, late);
    const toLate = subscribe(client(late.token), ADDED, { id: room.id });
    const toStranger = subscribe(client(stranger.token), ADDED, { id: room.id });
    await settle();

    expect((await send(owner, room.id, 'hi')).userErrors).toEqual([{ code: 'FORBIDDEN', field: ['roomId'] }]); // not joined yet
    await as(stack, owner, JOIN, { id: room.id });
    await presence(stack, 'participant_joined', room.id, guest); // connected (per LiveKit) counts too
    const sent = await send(owner, room.id, '  안녕하세요  ');
    expect(sent).toMatchObject({
      userErrors: [],
      message: { kind: 'TEXT', body: '안녕하세요', author: { id: owner.id }, room: { id: room.id } },
    });
    expect((await send(guest, room.id, 'hello')).userErrors).toEqual([]);
    expect((await toLate.next(1000)).data.chatMessageAdded).toEqual({ kind: 'TEXT', body: '안녕하세요', author: { id: owner.id } });
    expect((await toLate.next(1000)).data.chatMessageAdded.body).toBe('hello');
    await expect.poll(() => toStranger.error ?? toStranger.events[0]?.errors).toBeTruthy(); // not allowed in: refused

    expect((await send(late, room.id, 'me too')).userErrors[0].code).toBe('FORBIDDEN');
    await as(stack, late, JOIN, { id: room.id });
    expect(await bodies(late, room.id)).toEqual(['hello', '안녕하세요']);
    expect((await send(late, room.id, 'me too')).userErrors).toEqual([]);
    const page = await as(stack, late, HISTORY, { id: room.id, first: 2 });
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await as(stack, late, HISTORY, { id: room.id, first: 2, after: page.pageInfo.endCursor });
    expect(rest.nodes.map((n: { body: string }) => n.body)).toEqual(['안녕하세요']);
    expect(await as(stack, stranger, HISTORY, { id: room.id })).toMatchObject({ totalCount: 0, nodes: [] });

    await as(stack, late, LEAVE, { id: room.id });
    expect((await send(late, room.id, 'bye')).userErrors[0].code).toBe('FORBIDDEN');
  });

  it('validates the body: 1–1,000 characters', async () => {
    const [owner] = await users(1);
    const room = await createRoom(stack, owner);
    await as(stack, owner, JOIN, { id: room.id });
    expect((await send(owner, room.id, '   ')).userErrors).toEqual([{ code: 'INVALID', field: ['body'] }]);
    expect((await send(owner, room.id, '가'.repeat(1001))).userErrors).toEqual([{ code: 'INVALID', field: ['body'] }]);
    expect((await send(owner, room.id, '가'.repeat(1000))).userErrors).toEqual([]);
    expect(
      (await send(owner, Buffer.from('FacechatRoom:00000000-0000-4000-8000-000000000000').toString('base64url'), 'x')).userErrors[0].code,
    ).toBe('NOT_FOUND');
  });

  it('hides messages of blocked authors from history and the live stream', async () => {
    const [owner, rude] = await users(2);
    const room = await createRoom(stack, owner);
    await as(stack, owner, JOIN, { id: room.id });
    await as(stack, rude, JOIN, { id: room.id });
    await send(rude, room.id, 'before');
    await block(stack, owner, rude);
    const live = subscribe(client(owner.token), ADDED, { id: room.id });
    await settle();
    await send(rude, room.id, 'after');
    await send(owner, room.id, 'mine');
    expect((await live.next(1000)).data.chatMessageAdded.body).toBe('mine');
    expect(live.events).toHaveLength(1);
    expect(await bodies(owner, room.id)).toEqual(['mine']);
  });
});

describe.skipIf(!livekit)('screenshots in a call', () => {
  it('only a participant may store one; the others get SCREENSHOT and a chat event; Media.room resolves', async () => {
    const [caller, outsider] = await users(2);
    const [b, c] = await users(2);
    await befriend(stack, caller, b);
    await befriend(stack, caller, c);
    const { call } = await as(stack, caller, START_CALL, { ids: [b.id, c.id] });
    await as(stack, b, ACCEPT_CALL, { id: call.id });
    const toB = subscribe(client(b.token), ADDED, { id: call.room.id });
    const notes = subscribe(client(b.token), 'subscription { notificationAdded { type actor { id } call { id } } }');
    await settle();

    const refused = await upload(stack, outsider.token, await jpeg(), { kind: 'SCREENSHOT', roomId: call.room.id });
    expect(refused.status).toBe(403);
    expect((await upload(stack, c.token, await jpeg(), { kind: 'SCREENSHOT', roomId: call.room.id })).status).toBe(403); // still ringing

    const shot = await upload(stack, caller.token, await jpeg(), { kind: 'SCREENSHOT', roomId: call.room.id });
    expect(shot.status).toBe(201);
    expect((await toB.next(1000)).data.chatMessageAdded).toEqual({ kind: 'SCREENSHOT', body: '📸', author: { id: caller.id } });
    expect((await notes.next(1000)).data.notificationAdded).toEqual({
      type: 'SCREENSHOT',
      actor: { id: caller.id },
      call: { id: call.id },
    });
    const types = async (who: TestUser) =>
      (await gql(stack, '{ notifications { nodes { type } } }', {}, { token: who.token })).data.notifications.nodes
        .map((n: { type: string }) => n.type)
        .filter((t: string) => t === 'SCREENSHOT');
    expect(await types(caller)).toEqual([]);
    expect(await types(c)).toEqual([]); // not in the call
    const media = await gql(
      stack,
      'query($id: ID!) { node(id: $id) { ... on Media { kind room { id } } } }',
      { id: shot.body.id },
      { token: caller.token },
    );
    expect(media.data.node).toEqual({ kind: 'SCREENSHOT', room: { id: call.room.id } });
    const rows = await stack.orm.em.fork().execute('select media_id, room_id from notifications where type = ?', ['SCREENSHOT']);
    expect(rows).toEqual([expect.objectContaining({ room_id: rawRoom(call.room.id) })]);
  });
});
