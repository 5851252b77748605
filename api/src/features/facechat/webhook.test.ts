import { SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { RoomServiceClient } from 'livekit-server-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUp, subscribe } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import {
  as,
  createRoom,
  JOIN,
  livekit,
  postWebhook,
  rawRoom,
  rawUser,
  relayLivekitWebhooks,
  ROOM,
  roomSubscribed,
  signWebhook,
  useStack,
  webhookBody,
  WEBHOOKS_ENV,
} from './facechat.testkit.js';

const t = useStack(WEBHOOKS_ENV);
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;
const UPDATED = 'subscription($id: ID!) { roomUpdated(roomId: $id) { id participantCount isLive participants { id } } }';

async function state(roomId: string, viewer: Awaited<ReturnType<typeof signUp>>) {
  const room = await as(stack, viewer, ROOM, { id: roomId });
  return { participantCount: room.participantCount, isLive: room.isLive, participants: room.participants.map((p: { id: string }) => p.id) };
}

describe('POST /livekit/webhook', () => {
  it('a correctly signed participant_joined / participant_left keeps presence and pushes roomUpdated', async () => {
    const [owner, guest] = await users(2);
    const room = await createRoom(stack, owner);
    const updates = subscribe(client(owner.token), UPDATED, { id: room.id });
    await roomSubscribed(stack, room.id); // the webhook below must come after the subscription is listening

    const joined = webhookBody('participant_joined', rawRoom(room.id), rawUser(guest), 'PA_one');
    expect(await postWebhook(stack, joined, await signWebhook(joined))).toEqual({ status: 200, body: { ok: true } });
    expect((await updates.next(1000)).data.roomUpdated).toMatchObject({
      participantCount: 1,
      isLive: true,
      participants: [{ id: guest.id }],
    });
    expect(await state(room.id, owner)).toEqual({ participantCount: 1, isLive: true, participants: [guest.id] });
    expect((await as(stack, guest, ROOM, { id: room.id })).viewerIsParticipant).toBe(true);

    // The same participant again (LiveKit retries) changes nothing; a left of an older session is ignored.
    await postWebhook(stack, joined, await signWebhook(joined));
    const staleLeft = webhookBody('participant_left', rawRoom(room.id), rawUser(guest), 'PA_older');
    await postWebhook(stack, staleLeft, await signWebhook(staleLeft));
    expect((await state(room.id, owner)).participantCount).toBe(1);

    const left = webhookBody('participant_left', rawRoom(room.id), rawUser(guest), 'PA_one');
    expect((await postWebhook(stack, left, await signWebhook(left))).status).toBe(200);
    await expect.poll(() => updates.events.at(-1)?.data?.roomUpdated.participantCount).toBe(0);
    expect(await state(room.id, owner)).toEqual({ participantCount: 0, isLive: false, participants: [] });
    expect((await as(stack, guest, ROOM, { id: room.id })).viewerIsParticipant).toBe(false);
  });

  it('a tampered, forged, stale or missing signature answers 401 JSON and changes nothing', async () => {
    const [owner, guest] = await users(2);
    const room = await createRoom(stack, owner);
    const body = webhookBody('participant_joined', rawRoom(room.id), rawUser(guest));
    const signature = await signWebhook(body);
    const tampered = body.replace(rawUser(guest), rawUser(owner));
    const sha256 = createHash('sha256').update(body).digest('base64');
    const now = Math.floor(Date.now() / 1000);
    const stale = await new SignJWT({ sha256 })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(stack.config.livekit!.apiKey)
      .setIssuedAt(now - 900)
      .setNotBefore(now - 900)
      .setExpirationTime(now - 600)
      .sign(new TextEncoder().encode(stack.config.livekit!.apiSecret));

    for (const [payload, authorization] of [
      [tampered, signature], // body changed after signing
      [body, await signWebhook(body, { secret: 'not-the-secret-but-long-enough-0123456789' })], // forged
      [body, stale], // expired ten minutes ago
      [body, null], // no Authorization header
      [body, 'garbage'],
    ] as const) {
      const res = await postWebhook(stack, payload, authorization);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: expect.any(String) });
    }
    expect(await state(room.id, owner)).toEqual({ participantCount: 0, isLive: false, participants: [] });
  });

  it('room_finished clears everyone; events of unknown rooms or users are ignored', async () => {
    const [owner, a, b] = await users(3);
    const room = await createRoom(stack, owner);
    for (const user of [a, b]) {
      const body = webhookBody('participant_joined', rawRoom(room.id), rawUser(user));
      await postWebhook(stack, body, await signWebhook(body));
    }
    expect((await state(room.id, owner)).participantCount).toBe(2);
    const unknown = webhookBody('participant_joined', '00000000-0000-4000-8000-000000000000', rawUser(a));
    expect((await postWebhook(stack, unknown, await signWebhook(unknown))).status).toBe(200);
    const notUuid = webhookBody('participant_joined', 'some-other-room', 'someone');
    expect((await postWebhook(stack, notUuid, await signWebhook(notUuid))).status).toBe(200);

    const finished = webhookBody('room_finished', rawRoom(room.id));
    expect((await postWebhook(stack, finished, await signWebhook(finished))).status).toBe(200);
    expect(await state(room.id, owner)).toEqual({ participantCount: 0, isLive: false, participants: [] });
  });

  it.skipIf(!livekit)(
    "LiveKit's own webhooks reach the API through the test relay (room_finished after a LiveKit-side delete)",
    async () => {
      const undo = await relayLivekitWebhooks(stack);
      try {
        const [owner, guest] = await users(2);
        const room = await createRoom(stack, owner);
        expect((await as(stack, owner, JOIN, { id: room.id })).userErrors).toEqual([]);
        const body = webhookBody('participant_joined', rawRoom(room.id), rawUser(guest));
        await postWebhook(stack, body, await signWebhook(body));
        expect((await state(room.id, owner)).participantCount).toBe(1);
        // Deleted behind the API's back: only LiveKit's signed room_finished can tell the API.
        await new RoomServiceClient(livekit!.url.replace(/^ws/, 'http'), livekit!.apiKey, livekit!.apiSecret).deleteRoom(rawRoom(room.id));
        await expect.poll(async () => (await state(room.id, owner)).participantCount, { timeout: 5000 }).toBe(0);
      } finally {
        await undo();
      }
    },
  );
});
