/**
 * Blocks and unfriending end access (hardening issue): room membership, chat, screenshots, call tokens, and
 * what a blocked user may read about the blocker (`user`, `node`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../test/client.js';
import type { TestStack } from '../test/stack.js';
import { jpeg, upload } from '../features/media/media.testkit.js';
import { act, notificationsOf, REMOVE } from '../features/friends/friends.testkit.js';
import {
  ACCEPT_CALL,
  as,
  befriend,
  block,
  createRoom,
  livekit,
  presence,
  ROOM,
  START_CALL,
  useStack,
} from '../features/facechat/facechat.testkit.js';

const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { users } = t;

const SEND =
  'mutation($id: ID!, $body: String!) { sendChatMessage(roomId: $id, body: $body) { message { id } userErrors { code field } } }';
const send = (who: TestUser, roomId: string, body: string) => as(stack, who, SEND, { id: roomId, body });
const screenshot = async (who: TestUser, roomId: string) => upload(stack, who.token, await jpeg(), { kind: 'SCREENSHOT', roomId });
const USER_BY_ID = 'query($id: ID!) { user(id: $id) { id displayName bio friendCount } }';
const USER_BY_NAME = 'query($u: String!) { user(username: $u) { id displayName bio } }';
const NODE = 'query($id: ID!) { node(id: $id) { id ... on User { displayName } ... on Media { owner { id } } } }';

describe.skipIf(!livekit)('a block ends room access', () => {
  it("the blocked user can no longer chat or store screenshots in the blocker's room, and is no longer a participant", async () => {
    const [owner, blocked, other] = await users(3);
    const room = await createRoom(stack, owner);
    await presence(stack, 'participant_joined', room.id, owner);
    await presence(stack, 'participant_joined', room.id, blocked);
    await presence(stack, 'participant_joined', room.id, other);
    expect((await send(blocked, room.id, 'before')).userErrors).toEqual([]);
    expect((await as(stack, owner, ROOM, { id: room.id })).participantCount).toBe(3);

    await block(stack, owner, blocked);

    // The API removes them from the room at once (membership, presence, LiveKit).
    await expect.poll(async () => (await as(stack, owner, ROOM, { id: room.id })).participantCount, { timeout: 5000 }).toBe(2);
    const seenByOther = await as(stack, other, ROOM, { id: room.id });
    expect(seenByOther.participants.map((p: { id: string }) => p.id).sort()).toEqual([owner.id, other.id].sort());
    // …and every check applies the block even if they are still connected per LiveKit (a late webhook).
    await presence(stack, 'participant_joined', room.id, blocked);
    expect((await send(blocked, room.id, 'after')).userErrors).toEqual([{ code: 'FORBIDDEN', field: ['roomId'] }]);
    const shot = await screenshot(blocked, room.id);
    expect(shot.status).toBe(403);
    expect((await notificationsOf(stack, owner)).filter((n) => n.type === 'SCREENSHOT')).toEqual([]);
  });

  it('an unfriended user can no longer chat in a FRIENDS room', async () => {
    const [owner, friend] = await users(2);
    await befriend(stack, owner, friend);
    const room = await createRoom(stack, owner, { visibility: 'FRIENDS' });
    await presence(stack, 'participant_joined', room.id, friend);
    expect((await send(friend, room.id, 'hi')).userErrors).toEqual([]);

    expect((await act(stack, owner, REMOVE, friend.id)).userErrors).toEqual([]);
    await presence(stack, 'participant_joined', room.id, friend); // still connected per LiveKit
    expect((await send(friend, room.id, 'still here?')).userErrors).toEqual([{ code: 'FORBIDDEN', field: ['roomId'] }]);
    expect((await screenshot(friend, room.id)).status).toBe(403);
  });

  it('a group call: of two callees who blocked each other, only the first to accept gets a token', async () => {
    const [caller, c1, c2] = await users(3);
    await befriend(stack, caller, c1);
    await befriend(stack, caller, c2);
    await block(stack, c1, c2);
    const started = await as(stack, caller, START_CALL, { ids: [c1.id, c2.id] });
    expect(started.userErrors).toEqual([]);
    const first = await as(stack, c1, ACCEPT_CALL, { id: started.call.id });
    expect(first.access?.token).toEqual(expect.any(String));
    const second = await as(stack, c2, ACCEPT_CALL, { id: started.call.id });
    expect(second.access).toBeNull();
    expect(second.userErrors).toEqual([{ code: 'FORBIDDEN', field: ['callId'], message: expect.any(String) }]);
  });
});

describe('a blocked user reads nothing of the blocker', () => {
  it('user(id), user(username) and node(id) of the blocker answer null', async () => {
    const [blocker, blocked] = await users(2);
    const username = (await as(stack, blocker, 'query { me { username } }')).username as string;
    expect(await as(stack, blocked, USER_BY_ID, { id: blocker.id })).toMatchObject({ id: blocker.id });
    await block(stack, blocker, blocked);
    expect(await as(stack, blocked, USER_BY_ID, { id: blocker.id })).toBeNull();
    expect(await as(stack, blocked, USER_BY_NAME, { u: username })).toBeNull();
    expect(await as(stack, blocked, NODE, { id: blocker.id })).toBeNull();
    // The blocker still reads whom they blocked (the profile shows "blocked" and offers to unblock).
    expect(await as(stack, blocker, 'query($id: ID!) { user(id: $id) { id viewerHasBlocked } }', { id: blocked.id })).toEqual({
      id: blocked.id,
      viewerHasBlocked: true,
    });
    // Not blocked: still readable; one's own profile too.
    expect(await as(stack, blocker, USER_BY_ID, { id: blocker.id })).toMatchObject({ id: blocker.id });
  });

  it("node(id) of another user's screenshot is null (the owner still sees it)", async () => {
    const [owner, stranger] = await users(2);
    const room = await createRoom(stack, owner);
    await presence(stack, 'participant_joined', room.id, owner);
    const shot = await screenshot(owner, room.id);
    expect(shot.status).toBe(201);
    const mediaId = shot.body.id as string;
    expect(await as(stack, owner, NODE, { id: mediaId })).toMatchObject({ id: mediaId, owner: { id: owner.id } });
    expect(await as(stack, stranger, NODE, { id: mediaId })).toBeNull();
    expect(await as(stack, null, NODE, { id: mediaId })).toBeNull();
  });
});

describe.skipIf(!livekit)('a block ends a call between the two', () => {
  it('the caller blocks the callee in an answered call: the callee is put out and the call ENDED', async () => {
    const [caller, callee] = await users(2);
    await befriend(stack, caller, callee);
    const started = await as(stack, caller, START_CALL, { ids: [callee.id] });
    expect((await as(stack, callee, ACCEPT_CALL, { id: started.call.id })).access.token).toEqual(expect.any(String));
    await block(stack, caller, callee);
    const status = async () => (await as(stack, caller, 'query { calls(first: 5) { nodes { id status } } }')).nodes[0];
    await expect.poll(status, { timeout: 5000 }).toEqual({ id: started.call.id, status: 'ENDED' });
  });
});
