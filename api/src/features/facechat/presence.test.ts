import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { as, createRoom, livekit, presence, ROOM, roomSubscribed } from './facechat.testkit.js';

/**
 * Presence is reconciled with LiveKit (webhooks are lost while LiveKit or the API is down): a participant LiveKit
 * does not have stops being shown, at start-up and every PRESENCE_RECONCILE_SECONDS; LiveKit down changes nothing.
 */
const UPDATED = 'subscription($id: ID!) { roomUpdated(roomId: $id) { id participantCount isLive } }';

async function shown(stack: TestStack, roomId: string, viewer: TestUser) {
  const room = await as(stack, viewer, ROOM, { id: roomId });
  return { participantCount: room.participantCount, isLive: room.isLive };
}

describe.skipIf(!livekit)('presence reconciliation with LiveKit', () => {
  let stack: TestStack;
  let periodic: TestStack;
  beforeAll(async () => {
    [stack, periodic] = await Promise.all([startTestStack(), startTestStack({ PRESENCE_RECONCILE_SECONDS: '1' })]);
  });
  afterAll(async () => {
    await Promise.all([stack?.stop(), periodic?.stop()]);
  });

  it('a participant LiveKit no longer has (left while it was down) stops being shown, and roomUpdated says so', async () => {
    const [owner, guest] = await Promise.all([signUp(stack), signUp(stack)]);
    const room = await createRoom(stack, owner);
    await presence(stack, 'participant_joined', room.id, guest); // a signed webhook; LiveKit itself never saw them
    expect(await shown(stack, room.id, owner)).toEqual({ participantCount: 1, isLive: true });
    const client = wsClient(stack, owner.token);
    try {
      const updates = subscribe(client, UPDATED, { id: room.id });
      await roomSubscribed(stack, room.id);
      await stack.app.services.facechat.reconcilePresence();
      expect((await updates.next(5000)).data.roomUpdated).toMatchObject({ participantCount: 0, isLive: false });
      expect(await shown(stack, room.id, owner)).toEqual({ participantCount: 0, isLive: false });
      expect((await as(stack, guest, ROOM, { id: room.id })).viewerIsParticipant).toBe(false);
    } finally {
      await client.dispose();
    }
  });

  it('runs by itself every PRESENCE_RECONCILE_SECONDS', async () => {
    const [owner, guest] = await Promise.all([signUp(periodic), signUp(periodic)]);
    const room = await createRoom(periodic, owner);
    await presence(periodic, 'participant_joined', room.id, guest);
    await expect
      .poll(() => shown(periodic, room.id, owner), { timeout: 15_000, interval: 200 })
      .toEqual({ participantCount: 0, isLive: false });
  });
});

describe('LiveKit down', () => {
  let down: TestStack;
  beforeAll(async () => {
    down = await startTestStack({ LIVEKIT_URL: 'ws://127.0.0.1:1' });
  });
  afterAll(async () => {
    await down?.stop();
  });

  it('reconciliation skips (presence unchanged, no error) while LiveKit does not answer', async () => {
    const [owner, guest] = await Promise.all([signUp(down), signUp(down)]);
    const room = await createRoom(down, owner);
    await presence(down, 'participant_joined', room.id, guest);
    await expect(down.app.services.facechat.reconcilePresence()).resolves.toBeUndefined();
    expect(await shown(down, room.id, owner)).toEqual({ participantCount: 1, isLive: true });
  });
});
