import { beforeAll, describe, expect, it } from 'vitest';
import { settle, subscribe, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { as, befriend, block, createRoom, DELETE, JOIN, LEAVE, livekit, LOBBY, presence, useStack } from './facechat.testkit.js';
import { LOBBY_TOPIC } from './facechat.events.js';

// The lobby lists rooms someone is in, and new rooms nobody has left yet; `lobbyUpdated` keeps an open lobby current.
const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;

const LOBBY_UPDATED = 'subscription { lobbyUpdated { roomId inLobby room { id title participantCount } } }';

async function lobbyIds(who: TestUser | null, query: string): Promise<string[]> {
  return (await as(stack, who, LOBBY, { query })).nodes.map((n: { id: string }) => n.id);
}

/** Opens `lobbyUpdated` for each user and waits until the server listens for all of them. */
async function openLobbies(...who: TestUser[]) {
  const before = stack.app.pubsub.listenerCount(LOBBY_TOPIC);
  const subs = who.map((u) => subscribe(client(u.token), LOBBY_UPDATED));
  await expect.poll(() => stack.app.pubsub.listenerCount(LOBBY_TOPIC), { timeout: 5000 }).toBe(before + who.length);
  return subs;
}

describe('lobbyUpdated', () => {
  it('tells who may see a room when it is made, fills and empties; a stranger to a FRIENDS room and a blocked user hear nothing', async () => {
    const [owner, friend, stranger, blocked] = await users(4);
    await befriend(stack, owner, friend);
    await block(stack, blocked, owner);
    const [ofFriend, ofStranger, ofBlocked] = await openLobbies(friend, stranger, blocked);

    const open = await createRoom(stack, owner, { title: 'Open to all' });
    expect((await ofFriend.next()).data!.lobbyUpdated).toEqual({
      roomId: open.id,
      inLobby: true,
      room: { id: open.id, title: 'Open to all', participantCount: 0 },
    });
    expect((await ofStranger.next()).data!.lobbyUpdated.room.title).toBe('Open to all');

    const friendsOnly = await createRoom(stack, owner, { title: 'Friends only', visibility: 'FRIENDS' });
    expect((await ofFriend.next()).data!.lobbyUpdated.roomId).toBe(friendsOnly.id);

    await presence(stack, 'participant_joined', open.id, owner);
    expect((await ofFriend.next()).data!.lobbyUpdated.room.participantCount).toBe(1);
    expect((await ofStranger.next()).data!.lobbyUpdated.room.participantCount).toBe(1);

    // The owner's room closes for good when they delete it.
    await as(stack, owner, DELETE, { id: friendsOnly.id });
    expect((await ofFriend.next()).data!.lobbyUpdated).toEqual({ roomId: friendsOnly.id, inLobby: false, room: null });

    await settle(300);
    expect(ofStranger.events).toHaveLength(2); // never the FRIENDS room, made or deleted
    expect(ofBlocked.events).toEqual([]); // nothing of a room of someone they blocked
  });
});

describe.skipIf(!livekit)('the lobby rule (with LiveKit)', () => {
  it('a room everyone has left leaves the lobby (and open lobbies hear it); a new room nobody has left stays', async () => {
    const [owner, guest] = await users(2);
    const marker = `lobby${Date.now().toString(36)}`;
    const waiting = await createRoom(stack, owner, { title: `${marker} waiting` });
    const room = await createRoom(stack, owner, { title: `${marker} visited` });
    expect(await lobbyIds(guest, marker)).toEqual([room.id, waiting.id]);

    const [ofGuest] = await openLobbies(guest);
    expect((await as(stack, owner, JOIN, { id: room.id })).userErrors).toEqual([]);
    await presence(stack, 'participant_joined', room.id, owner);
    await expect.poll(async () => (await ofGuest.next()).data!.lobbyUpdated.room?.participantCount).toBe(1);

    expect((await as(stack, owner, LEAVE, { id: room.id })).userErrors).toEqual([]);
    await presence(stack, 'participant_left', room.id, owner);
    await expect
      .poll(async () => ofGuest.events.at(-1)?.data?.lobbyUpdated, { timeout: 5000 })
      .toEqual({ roomId: room.id, inLobby: false, room: null });
    expect(await lobbyIds(guest, marker)).toEqual([waiting.id]);
    expect(await lobbyIds(null, marker)).toEqual([waiting.id]);
  });
});
