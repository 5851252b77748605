import { RoomServiceClient } from 'livekit-server-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import {
  as,
  befriend,
  block,
  createRoom,
  JOIN,
  LEAVE,
  livekit,
  presence,
  rawRoom,
  rawUser,
  ROOM,
  tokenClaims,
  DELETE,
  useStack,
} from './facechat.testkit.js';

const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { users } = t;
const lk = () => new RoomServiceClient(livekit!.url.replace(/^ws/, 'http'), livekit!.apiKey, livekit!.apiSecret);

async function refused(who: TestUser, roomId: string, code: string) {
  const res = await as(stack, who, JOIN, { id: roomId });
  expect(res.userErrors.map((e: { code: string }) => e.code)).toEqual([code]);
  expect(res.access).toBeNull();
  expect(JSON.stringify(res)).not.toMatch(/eyJ/); // no JWT anywhere in the answer
  return res;
}

describe.skipIf(!livekit)('joinRoom with the real LiveKit server', () => {
  it('hands out a token for exactly this room and user, valid 10 minutes, that LiveKit accepts', async () => {
    const [owner] = await users(1);
    const room = await createRoom(stack, owner, { title: 'Token room', capacity: 5 });
    const started = Date.now();
    const res = await as(stack, owner, JOIN, { id: room.id });
    const answered = Date.now();
    expect(res.userErrors).toEqual([]);
    const { token, url, roomName, expiresAt } = res.access;
    expect(url).toBe(stack.config.livekit!.publicUrl);
    expect(url).toMatch(/^wss?:\/\//);
    expect(roomName).toBe(rawRoom(room.id));

    const claims = tokenClaims(token);
    expect(claims.iss).toBe(livekit!.apiKey);
    expect(claims.sub).toBe(rawUser(owner));
    expect(claims.name).toBeTruthy();
    expect(claims.attributes).toEqual({ userId: owner.id, username: owner.username });
    expect(claims.video).toEqual({
      room: roomName,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      canPublishSources: ['camera', 'microphone'],
      canUpdateOwnMetadata: true, // for the emotion attribute
    });
    expect(claims.exp! - claims.nbf!).toBe(600);
    // Valid ten minutes from when it was handed out: between the request's start and its answer, plus 600 s.
    expect(claims.exp!).toBeGreaterThanOrEqual(Math.floor(started / 1000) + 600);
    expect(claims.exp!).toBeLessThanOrEqual(Math.ceil(answered / 1000) + 600);
    expect(new Date(expiresAt).getTime()).toBe(claims.exp! * 1000);
    expect(token).not.toContain(livekit!.apiSecret);

    // The room exists in LiveKit with the room's capacity, and LiveKit itself accepts the token for it.
    const [lkRoom] = await lk().listRooms([roomName]);
    expect(lkRoom.maxParticipants).toBe(5);
    const validate = await fetch(`${livekit!.url.replace(/^ws/, 'http')}/rtc/validate?access_token=${token}`);
    expect(validate.status).toBe(200);
  });

  it('refuses a non-friend on FRIENDS, a stranger on PRIVATE, blocked users and a full room, each with its code and no token', async () => {
    const [owner, friend, stranger, blocker] = await users(4);
    await befriend(stack, owner, friend);
    const friendsRoom = await createRoom(stack, owner, { visibility: 'FRIENDS' });
    const privateRoom = await createRoom(stack, owner, { visibility: 'PRIVATE' });
    const publicRoom = await createRoom(stack, owner, { visibility: 'PUBLIC', capacity: 2 });

    await refused(stranger, friendsRoom.id, 'FORBIDDEN');
    await refused(stranger, privateRoom.id, 'FORBIDDEN');
    await refused(friend, privateRoom.id, 'FORBIDDEN');
    expect((await as(stack, friend, JOIN, { id: friendsRoom.id })).userErrors).toEqual([]);
    expect((await as(stack, owner, JOIN, { id: privateRoom.id })).userErrors).toEqual([]);
    expect(await as(stack, stranger, ROOM, { id: privateRoom.id })).toBeNull();

    // Blocked either way with the owner, or with someone in the room.
    await block(stack, blocker, owner);
    await refused(blocker, publicRoom.id, 'FORBIDDEN');
    const other = await createRoom(stack, friend, { visibility: 'PUBLIC' });
    expect((await as(stack, owner, JOIN, { id: other.id })).userErrors).toEqual([]);
    await refused(blocker, other.id, 'FORBIDDEN');

    // Capacity 2: the owner and one more; a third is FULL; the ones inside may join again.
    expect((await as(stack, owner, JOIN, { id: publicRoom.id })).userErrors).toEqual([]);
    expect((await as(stack, stranger, JOIN, { id: publicRoom.id })).userErrors).toEqual([]);
    await refused(friend, publicRoom.id, 'FULL');
    expect((await as(stack, stranger, JOIN, { id: publicRoom.id })).userErrors).toEqual([]);
    // Leaving frees the seat.
    expect((await as(stack, stranger, LEAVE, { id: publicRoom.id })).userErrors).toEqual([]);
    expect((await as(stack, friend, JOIN, { id: publicRoom.id })).userErrors).toEqual([]);

    await refused(owner, Buffer.from('FacechatRoom:00000000-0000-4000-8000-000000000000').toString('base64url'), 'NOT_FOUND');
    const anonymous = await as(stack, null, JOIN, { id: publicRoom.id });
    expect(anonymous.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a participant counts toward capacity once connected, even without joinRoom', async () => {
    const [owner, a, b] = await users(3);
    const room = await createRoom(stack, owner, { capacity: 2 });
    await presence(stack, 'participant_joined', room.id, a);
    expect((await as(stack, owner, JOIN, { id: room.id })).userErrors).toEqual([]);
    await refused(b, room.id, 'FULL');
  });

  it('leaveRoom removes the user from LiveKit; deleteRoom deletes the LiveKit room', async () => {
    const [owner, guest] = await users(2);
    const room = await createRoom(stack, owner);
    expect((await as(stack, guest, JOIN, { id: room.id })).userErrors).toEqual([]);
    await presence(stack, 'participant_joined', room.id, guest);
    expect((await as(stack, owner, ROOM, { id: room.id })).participantCount).toBe(1);
    const left = await as(stack, guest, LEAVE, { id: room.id });
    expect(left).toMatchObject({ userErrors: [], room: { participantCount: 0 } });
    expect((await as(stack, guest, ROOM, { id: room.id })).viewerIsParticipant).toBe(false);

    expect((await lk().listRooms([rawRoom(room.id)])).length).toBe(1);
    expect((await as(stack, guest, DELETE, { id: room.id })).userErrors[0].code).toBe('FORBIDDEN');
    expect(await as(stack, owner, DELETE, { id: room.id })).toEqual({ deletedId: room.id, userErrors: [] });
    await expect.poll(async () => (await lk().listRooms([rawRoom(room.id)])).length).toBe(0);
    expect(await as(stack, owner, ROOM, { id: room.id })).toBeNull();
  });
});
