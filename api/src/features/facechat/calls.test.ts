import { RoomServiceClient } from 'livekit-server-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, subscribe, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { MAX_CAPACITY } from './rooms.settings.js';
import {
  ACCEPT_CALL,
  as,
  befriend,
  block,
  CALL_UPDATED,
  DECLINE_CALL,
  END_CALL,
  INCOMING,
  JOIN,
  LEAVE,
  livekit,
  rawRoom,
  rawUser,
  ROOM,
  presence,
  START_CALL,
  tokenClaims,
  useStack,
} from './facechat.testkit.js';

// A dropped connection's grace to come back, short here (rejoin-grace.test.ts tests the grace itself).
const t = useStack({ CALL_REJOIN_GRACE_MS: '300' });
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;
const codes = (res: { userErrors: { code: string }[] }) => res.userErrors.map((e) => e.code);
async function friendsOf(caller: TestUser, n: number) {
  const callees = await users(n);
  for (const callee of callees) await befriend(stack, caller, callee);
  return callees;
}
const start = (caller: TestUser, callees: TestUser[]) => as(stack, caller, START_CALL, { ids: callees.map((c) => c.id) });
const status = async (who: TestUser, callId: string) =>
  (await gql(stack, 'query($id: ID!) { node(id: $id) { ... on Call { status } } }', { id: callId }, { token: who.token })).data.node
    ?.status;

describe.skipIf(!livekit)('startCall', () => {
  it('rings every open connection of every callee once the call is stored, and nobody else', async () => {
    const [caller, outsider] = await users(2);
    const [b, c] = await friendsOf(caller, 2);
    const toB1 = subscribe(client(b.token), INCOMING);
    const toB2 = subscribe(client(b.token), INCOMING);
    const toC = subscribe(client(c.token), INCOMING);
    const toOutsider = subscribe(client(outsider.token), INCOMING);
    const toCaller = subscribe(client(caller.token), INCOMING);
    const outsiderUpdates = subscribe(client(outsider.token), CALL_UPDATED, {});
    await settle();

    const arrivals = [toB1, toB2, toC].map((sub) => sub.next(3000).then((event) => ({ event, at: Date.now() })));
    const res = await start(caller, [b, c]);
    expect(res.userErrors).toEqual([]);
    for (const { event, at } of await Promise.all(arrivals)) {
      expect(event.data.incomingCall).toEqual({
        id: res.call.id,
        status: 'RINGING',
        caller: { id: caller.id },
        callees: [{ id: b.id }, { id: c.id }],
      });
      // Pushed once the call is stored (after commit), not before; how fast is measured in bench/, not here.
      expect(at).toBeGreaterThanOrEqual(Date.parse(res.call.createdAt));
    }

    // The caller can connect at once: a token for the call's PRIVATE room, sized for everyone.
    expect(res.call).toMatchObject({ status: 'RINGING', answeredAt: null, endedAt: null, room: { visibility: 'PRIVATE', capacity: 3 } });
    const claims = tokenClaims(res.access.token);
    expect(claims).toMatchObject({ sub: rawUser(caller), video: { room: rawRoom(res.call.room.id), roomJoin: true } });
    const lk = new RoomServiceClient(livekit!.url.replace(/^ws/, 'http'), livekit!.apiKey, livekit!.apiSecret);
    // LiveKit cannot grow a room that exists, and inviteToCall may add people: the LiveKit room holds MAX_CAPACITY.
    expect((await lk.listRooms([rawRoom(res.call.room.id)]))[0].maxParticipants).toBe(MAX_CAPACITY);

    await settle(300);
    expect(toOutsider.events).toEqual([]);
    expect(toCaller.events).toEqual([]);
    expect(outsiderUpdates.events).toEqual([]);
    expect(await as(stack, outsider, ROOM, { id: res.call.room.id })).toBeNull();
    expect(codes(await as(stack, outsider, JOIN, { id: res.call.room.id }))).toEqual(['FORBIDDEN']);
    const node = await gql(stack, 'query($id: ID!) { node(id: $id) { id } }', { id: res.call.id }, { token: outsider.token });
    expect(node.data.node).toBeNull();
  });

  it('calls friends only: 1 to 15, not yourself, not a blocked user', async () => {
    const [caller, stranger] = await users(2);
    const [friend, blocked] = await friendsOf(caller, 2);
    expect(codes(await start(caller, []))).toEqual(['INVALID']);
    expect(codes(await start(caller, [caller]))).toEqual(['INVALID']);
    expect(codes(await as(stack, caller, START_CALL, { ids: ['nonsense'] }))).toEqual(['INVALID']);
    expect(codes(await start(caller, [friend, stranger]))).toEqual(['FORBIDDEN']);
    await block(stack, blocked, caller);
    expect(codes(await start(caller, [blocked]))).toEqual(['FORBIDDEN']);
    const many = await users(16);
    expect(codes(await start(caller, many))).toEqual(['INVALID']);
    expect((await start(caller, many.slice(0, 15))).userErrors[0].code).toBe('FORBIDDEN'); // 15 is fine, they are not friends
    expect((await gql(stack, '{ calls { totalCount } }', {}, { token: caller.token })).data.calls.totalCount).toBe(0);
  });
});

describe.skipIf(!livekit)('the call state machine', () => {
  it('RINGING → ACCEPTED → ENDED, every change reaching every party over callUpdated', async () => {
    const [caller] = await users(1);
    const [callee] = await friendsOf(caller, 1);
    const callerUpdates = subscribe(client(caller.token), CALL_UPDATED, {});
    const calleeUpdates = subscribe(client(callee.token), CALL_UPDATED, {});
    await settle();
    const { call } = await start(caller, [callee]);
    const oneCall = subscribe(client(callee.token), CALL_UPDATED, { id: call.id });
    await settle();
    expect((await callerUpdates.next(1000)).data.callUpdated).toEqual({ id: call.id, status: 'RINGING' });
    expect((await calleeUpdates.next(1000)).data.callUpdated).toEqual({ id: call.id, status: 'RINGING' });

    expect(codes(await as(stack, caller, ACCEPT_CALL, { id: call.id }))).toEqual(['FORBIDDEN']);
    const accepted = await as(stack, callee, ACCEPT_CALL, { id: call.id });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.call).toMatchObject({ status: 'ACCEPTED', answeredAt: expect.any(String), endedAt: null });
    expect(tokenClaims(accepted.access.token)).toMatchObject({ sub: rawUser(callee), video: { room: rawRoom(call.room.id) } });
    for (const sub of [callerUpdates, calleeUpdates, oneCall]) expect((await sub.next(1000)).data.callUpdated.status).toBe('ACCEPTED');
    // A callee who accepted may (re)join the room; a second accept just hands out a fresh token.
    expect((await as(stack, callee, JOIN, { id: call.room.id })).userErrors).toEqual([]);
    expect((await as(stack, callee, ACCEPT_CALL, { id: call.id })).access.token).toBeTruthy();

    const ended = await as(stack, callee, END_CALL, { id: call.id });
    expect(ended.call).toMatchObject({ status: 'ENDED', endedAt: expect.any(String) });
    expect(ended.access).toBeNull();
    for (const sub of [callerUpdates, calleeUpdates, oneCall]) expect((await sub.next(1000)).data.callUpdated.status).toBe('ENDED');
    // Over: the room is closed in LiveKit and here; nothing changes any more.
    const lk = new RoomServiceClient(livekit!.url.replace(/^ws/, 'http'), livekit!.apiKey, livekit!.apiSecret);
    await expect.poll(async () => (await lk.listRooms([rawRoom(call.room.id)])).length).toBe(0);
    expect(codes(await as(stack, caller, JOIN, { id: call.room.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(stack, callee, ACCEPT_CALL, { id: call.id }))).toEqual(['CONFLICT']);
    expect((await as(stack, caller, END_CALL, { id: call.id })).call.status).toBe('ENDED');
  });

  it('DECLINED once every callee declined; one decline of two keeps it ringing', async () => {
    const [caller] = await users(1);
    const [b, c] = await friendsOf(caller, 2);
    const { call } = await start(caller, [b, c]);
    const updates = subscribe(client(caller.token), CALL_UPDATED, { id: call.id });
    await settle();
    expect((await as(stack, b, DECLINE_CALL, { id: call.id })).call.status).toBe('RINGING');
    expect(codes(await as(stack, b, ACCEPT_CALL, { id: call.id }))).toEqual(['CONFLICT']);
    expect(codes(await as(stack, caller, DECLINE_CALL, { id: call.id }))).toEqual(['FORBIDDEN']);
    const declined = await as(stack, c, DECLINE_CALL, { id: call.id });
    expect(declined.call).toMatchObject({ status: 'DECLINED', answeredAt: null, endedAt: expect.any(String) });
    expect((await updates.next(1000)).data.callUpdated.status).toBe('RINGING');
    expect((await updates.next(1000)).data.callUpdated.status).toBe('DECLINED');
  });

  it('CANCELED when the caller hangs up while ringing', async () => {
    const [caller] = await users(1);
    const [callee] = await friendsOf(caller, 1);
    const { call } = await start(caller, [callee]);
    const updates = subscribe(client(callee.token), CALL_UPDATED, { id: call.id });
    await settle();
    expect((await as(stack, caller, END_CALL, { id: call.id })).call.status).toBe('CANCELED');
    expect((await updates.next(1000)).data.callUpdated.status).toBe('CANCELED');
    expect(codes(await as(stack, callee, ACCEPT_CALL, { id: call.id }))).toEqual(['CONFLICT']);
  });

  it('a group call goes on until the last callee who accepted hangs up (or the caller does)', async () => {
    const [caller] = await users(1);
    const [b, c, d] = await friendsOf(caller, 3);
    const { call } = await start(caller, [b, c, d]);
    await as(stack, b, ACCEPT_CALL, { id: call.id });
    await as(stack, c, ACCEPT_CALL, { id: call.id });
    expect((await as(stack, b, END_CALL, { id: call.id })).call.status).toBe('ACCEPTED');
    expect(await as(stack, b, END_CALL, { id: call.id })).toMatchObject({ userErrors: [], call: { status: 'ACCEPTED' } });
    expect(codes(await as(stack, d, END_CALL, { id: call.id }))).toEqual([]); // still ringing: a decline
    expect(codes(await as(stack, d, END_CALL, { id: call.id }))).toEqual(['CONFLICT']);
    expect((await as(stack, c, END_CALL, { id: call.id })).call.status).toBe('ENDED');

    const second = (await start(caller, [b, c])).call;
    await as(stack, b, ACCEPT_CALL, { id: second.id });
    expect((await as(stack, caller, END_CALL, { id: second.id })).call.status).toBe('ENDED');
  });

  it('ENDED for the one left behind when the other connection goes (webhook, leaveRoom); a group call goes on with two', async () => {
    const [caller] = await users(1);
    const [b, c] = await friendsOf(caller, 2);
    // 1:1: the callee's LiveKit connection goes (closed the tab, lost the network): the caller alone → ENDED, told so.
    const { call } = await start(caller, [b]);
    await as(stack, b, ACCEPT_CALL, { id: call.id });
    await presence(stack, 'participant_joined', call.room.id, caller);
    await presence(stack, 'participant_joined', call.room.id, b);
    const callerUpdates = subscribe(client(caller.token), CALL_UPDATED, { id: call.id });
    await settle();
    await presence(stack, 'participant_left', call.room.id, b);
    expect((await callerUpdates.next(2000)).data.callUpdated).toEqual({ id: call.id, status: 'ENDED' });
    const ended = (
      await gql(
        stack,
        'query($id: ID!) { node(id: $id) { ... on Call { status answeredAt endedAt } } }',
        { id: call.id },
        { token: caller.token },
      )
    ).data.node;
    expect(ended.status).toBe('ENDED');
    expect(Date.parse(ended.endedAt)).toBeGreaterThanOrEqual(Date.parse(ended.answeredAt));
    expect(Date.parse(ended.endedAt)).toBeLessThanOrEqual(Date.now() + 1000);

    // The callee leaves the room with leaveRoom instead of endCall: the same.
    const { call: second } = await start(caller, [b]);
    await as(stack, b, ACCEPT_CALL, { id: second.id });
    await presence(stack, 'participant_joined', second.room.id, caller);
    await presence(stack, 'participant_joined', second.room.id, b);
    expect((await as(stack, b, LEAVE, { id: second.room.id })).userErrors).toEqual([]);
    expect(await status(caller, second.id)).toBe('ENDED');

    // Three people: one goes, two remain → still on; the next one goes → ENDED.
    const { call: group } = await start(caller, [b, c]);
    for (const who of [b, c]) await as(stack, who, ACCEPT_CALL, { id: group.id });
    for (const who of [caller, b, c]) await presence(stack, 'participant_joined', group.room.id, who);
    await presence(stack, 'participant_left', group.room.id, b);
    await settle(800); // past the rejoin grace
    expect(await status(caller, group.id)).toBe('ACCEPTED');
    await presence(stack, 'participant_left', group.room.id, caller);
    await expect.poll(() => status(c, group.id), { timeout: 5000 }).toBe('ENDED');

    // A ringing call the caller's connection left (nobody else there) is CANCELED.
    const { call: ringing } = await start(caller, [b]);
    await presence(stack, 'participant_joined', ringing.room.id, caller);
    await presence(stack, 'participant_left', ringing.room.id, caller);
    expect(await status(b, ringing.id)).toBe('CANCELED');
  });
});
