import { beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../kernel/actor.js';
import type { TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { RoomInvites } from './room-invites.js';
import { RoomsRepository } from './rooms.repository.js';
import {
  as,
  befriend,
  block,
  CREATE_ROOM_INVITE,
  createRoom,
  JOIN,
  JOIN_WITH_INVITE,
  livekit,
  rawRoom,
  rawUser,
  ROOM,
  START_CALL,
  useStack,
} from './facechat.testkit.js';

/** Invite links of rooms: `/call/<roomId>?invite=<code>` lets people who are not the owner's friends join. */
const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { users } = t;
const codes = (res: { userErrors?: { code: string }[] }) => (res.userErrors ?? []).map((e) => e.code);
const joinWith = (who: TestUser, roomId: string, invite: string | null) => as(stack, who, JOIN_WITH_INVITE, { id: roomId, invite });
const inviteTo = async (who: TestUser, roomId: string) => as(stack, who, CREATE_ROOM_INVITE, { id: roomId });
const members = async (roomId: string) =>
  (
    await stack.orm.em
      .fork()
      .execute('select user_id from room_members where room_id = ? and left_at is null order by user_id', [rawRoom(roomId)])
  ).map((r) => String(r.user_id));

describe.skipIf(!livekit)('room invite links', () => {
  it("let someone who is not the owner's friend join a FRIENDS room and see it, for 7 days", async () => {
    const [owner, stranger] = await users(2);
    const room = await createRoom(stack, owner, { visibility: 'FRIENDS' });
    const link = await inviteTo(owner, room.id);
    expect(link.userErrors).toEqual([]);
    // Absolute, on the app's public origin (PUBLIC_URL), to the room's call page.
    const url = new URL(link.url);
    expect(url.origin).toMatch(/^https?:\/\//);
    expect(`${url.pathname}${url.search}`).toBe(`/call/${encodeURIComponent(room.id)}?invite=${link.code}`);
    expect(link.code).toMatch(/^[A-Za-z0-9_-]+$/);
    const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    expect(codes(await as(stack, stranger, JOIN, { id: room.id }))).toEqual(['FORBIDDEN']);
    expect(await as(stack, stranger, ROOM, { id: room.id })).toBeNull();
    const joined = await joinWith(stranger, room.id, link.code);
    expect(joined.userErrors).toEqual([]);
    expect(joined.access.roomName).toBe(rawRoom(room.id));
    expect((await as(stack, stranger, ROOM, { id: room.id })).id).toBe(room.id); // the room page shows it
    // Joining again (a reload) keeps them in, with or without the code.
    expect((await as(stack, stranger, JOIN, { id: room.id })).userErrors).toEqual([]);
    expect((await as(stack, stranger, ROOM, { id: room.id }))?.id).toBe(room.id);
  });

  it("refuses forged, expired and other rooms' codes, blocked people and call rooms, changing nothing", async () => {
    const [owner, stranger, blocked, caller, callee] = await users(5);
    const room = await createRoom(stack, owner, { visibility: 'FRIENDS' });
    const other = await createRoom(stack, owner, { visibility: 'FRIENDS' });
    const { code } = await inviteTo(owner, room.id);
    const flipped = code.slice(0, -2) + (code.at(-2) === 'A' ? 'B' : 'A') + code.at(-1);
    const expired = await new RoomInvites({ repo: new RoomsRepository(), secret: stack.config.jwtSecret, publicUrl: '' }).create(
      userActor(rawUser(owner), ''),
      stack.orm.em.fork(),
      rawRoom(room.id),
      Date.now() - 8 * 86_400_000,
    );
    for (const bad of [flipped, expired.code, (await inviteTo(owner, other.id)).code, 'nonsense', '']) {
      const res = await joinWith(stranger, room.id, bad);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(res.errors?.[0].message).toMatch(/invite link is not valid/);
    }
    await block(stack, owner, blocked);
    expect(codes(await joinWith(blocked, room.id, code))).toEqual(['FORBIDDEN']);
    expect(await members(room.id)).toEqual([]);

    // Only the owner of a FRIENDS room makes links; anyone in a PUBLIC room may.
    expect(codes(await inviteTo(stranger, room.id))).toEqual(['NOT_FOUND']);
    const open = await createRoom(stack, owner, { visibility: 'PUBLIC' });
    expect(codes(await inviteTo(stranger, open.id))).toEqual(['FORBIDDEN']); // not in it
    await as(stack, stranger, JOIN, { id: open.id });
    expect(codes(await inviteTo(stranger, open.id))).toEqual([]);

    await befriend(stack, caller, callee);
    const call = (await as(stack, caller, START_CALL, { ids: [callee.id] })).call;
    expect(codes(await inviteTo(caller, call.room.id))).toEqual(['FORBIDDEN']);
    const res = await joinWith(stranger, call.room.id, code);
    expect(res.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', message: 'Invite links are not for calls.' })]);
    expect(await members(call.room.id)).toEqual([rawUser(caller)]);
  });
});
