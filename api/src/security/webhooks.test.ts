import { beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../test/stack.js';
import {
  as,
  createRoom,
  postWebhook,
  rawRoom,
  rawUser,
  ROOM,
  signWebhook,
  useStack,
  webhookBody,
  WEBHOOKS_ENV,
} from '../features/facechat/facechat.testkit.js';

const t = useStack(WEBHOOKS_ENV);
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { users } = t;
const now = () => Math.floor(Date.now() / 1000);

describe('LiveKit webhooks cannot be replayed', () => {
  it('the same signed webhook posted again changes nothing: a participant who left stays gone', async () => {
    const [owner, guest] = await users(2);
    const room = await createRoom(stack, owner);
    const joined = webhookBody('participant_joined', rawRoom(room.id), rawUser(guest), 'PA_replayed');
    const joinedSignature = await signWebhook(joined);
    expect(await postWebhook(stack, joined, joinedSignature)).toEqual({ status: 200, body: { ok: true } });
    const left = webhookBody('participant_left', rawRoom(room.id), rawUser(guest), 'PA_replayed');
    expect((await postWebhook(stack, left, await signWebhook(left))).status).toBe(200);
    expect((await as(stack, owner, ROOM, { id: room.id })).participantCount).toBe(0);

    // An attacker who captured the genuine join replays it, with its signature or freshly signed: nothing changes.
    for (const signature of [joinedSignature, await signWebhook(joined)]) {
      expect(await postWebhook(stack, joined, signature)).toEqual({ status: 200, body: { ok: true } });
    }
    const seen = await as(stack, owner, ROOM, { id: room.id });
    expect({ count: seen.participantCount, live: seen.isLive, participants: seen.participants }).toEqual({
      count: 0,
      live: false,
      participants: [],
    });
    expect((await as(stack, guest, ROOM, { id: room.id })).viewerIsParticipant).toBe(false);
  });

  it('a webhook created too long ago (or in the future) answers 401 JSON and changes nothing', async () => {
    const [owner, guest] = await users(2);
    const room = await createRoom(stack, owner);
    for (const createdAt of [now() - 10 * 60, now() + 10 * 60, 0]) {
      const body = webhookBody('participant_joined', rawRoom(room.id), rawUser(guest), undefined, { createdAt });
      const res = await postWebhook(stack, body, await signWebhook(body));
      expect(res).toEqual({ status: 401, body: { message: expect.any(String) } });
    }
    expect((await as(stack, owner, ROOM, { id: room.id })).participantCount).toBe(0);
    // A fresh one still works.
    const fresh = webhookBody('participant_joined', rawRoom(room.id), rawUser(guest), undefined, { createdAt: now() - 5 });
    expect((await postWebhook(stack, fresh, await signWebhook(fresh))).status).toBe(200);
    expect((await as(stack, owner, ROOM, { id: room.id })).participantCount).toBe(1);
  });
});
