// A dropped connection may come back (LiveKit's full reconnect: a new session under the same identity, whose
// participant_joined can arrive after the old session's participant_left). An accepted call waits the rejoin grace
// (CALL_REJOIN_GRACE_MS) before it counts who is left; hanging up or leaveRoom still end it at once (calls.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, settle } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import {
  ACCEPT_CALL,
  as,
  befriend,
  livekit,
  postWebhook,
  rawRoom,
  rawUser,
  signWebhook,
  START_CALL,
  useStack,
  webhookBody,
} from './facechat.testkit.js';

const GRACE_MS = 1500;
const t = useStack({ CALL_REJOIN_GRACE_MS: String(GRACE_MS) });
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});

async function webhook(event: 'participant_joined' | 'participant_left', roomId: string, userId: string, sid: string) {
  const body = webhookBody(event, rawRoom(roomId), userId, sid);
  expect((await postWebhook(stack, body, await signWebhook(body))).status).toBe(200);
}

async function acceptedCall() {
  const [caller, callee] = await t.users(2);
  await befriend(stack, caller, callee);
  const { call } = await as(stack, caller, START_CALL, { ids: [callee.id] });
  await as(stack, callee, ACCEPT_CALL, { id: call.id });
  await webhook('participant_joined', call.room.id, rawUser(caller), 'PA_caller');
  await webhook('participant_joined', call.room.id, rawUser(callee), 'PA_callee_1');
  const status = async () =>
    (await gql(stack, 'query($id: ID!) { node(id: $id) { ... on Call { status } } }', { id: call.id }, { token: caller.token })).data.node
      .status as string;
  return { call, callee, status };
}

describe.skipIf(!livekit)('the rejoin grace', () => {
  it('keeps a 1:1 call on when the dropped callee comes back under a new session within the grace', async () => {
    const { call, callee, status } = await acceptedCall();
    await webhook('participant_left', call.room.id, rawUser(callee), 'PA_callee_1');
    await settle(300);
    await webhook('participant_joined', call.room.id, rawUser(callee), 'PA_callee_2');
    await settle(GRACE_MS + 700);
    expect(await status()).toBe('ACCEPTED');
  });

  it('ends it once the grace has passed without them', async () => {
    const { call, callee, status } = await acceptedCall();
    await webhook('participant_left', call.room.id, rawUser(callee), 'PA_callee_1');
    await settle(GRACE_MS / 3);
    expect(await status()).toBe('ACCEPTED'); // still waiting for them
    await expect.poll(status, { timeout: GRACE_MS + 4000 }).toBe('ENDED');
  });
});
