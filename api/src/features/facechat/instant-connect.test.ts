// Instant connect (prepareCallAnswer): a callee whose call rings connects early, hidden, publishing at most its camera and
// microphone to nobody, and subscribing to nothing until Accept (the browser's choice: its token may subscribe);
// accepting promotes that connection (browser side: e2e/calls.test.ts and `npm run bench:call`).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import {
  ACCEPT_CALL,
  as,
  befriend,
  DECLINE_CALL,
  END_CALL,
  livekit,
  postWebhook,
  rawRoom,
  rawUser,
  ROOM,
  signWebhook,
  START_CALL,
  tokenClaims,
  useStack,
} from './facechat.testkit.js';

const PREPARE = `mutation($id: ID!) { prepareCallAnswer(input: { callId: $id }) {
  call { id status } access { token url roomName } userErrors { code field message } } }`;

const ACCEPT = `mutation($id: ID!) { acceptCall(callId: $id) { access { token } earlyConnectionPromoted userErrors { code } } }`;

const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const codes = (res: { userErrors: { code: string }[] }) => res.userErrors.map((e) => e.code);

async function ringing(n = 1): Promise<{ caller: TestUser; callees: TestUser[]; call: { id: string; room: { id: string } } }> {
  const [caller, ...callees] = await t.users(n + 1);
  for (const callee of callees) await befriend(stack, caller, callee);
  const res = await as(stack, caller, START_CALL, { ids: callees.map((c) => c.id) });
  expect(res.userErrors).toEqual([]);
  return { caller, callees, call: res.call };
}

/** LiveKit's participant_joined/left for `user` connected hidden (as a prepared callee is), signed as LiveKit signs. */
async function hiddenWebhook(event: 'participant_joined' | 'participant_left', roomId: string, user: TestUser): Promise<void> {
  const body = JSON.stringify({
    event,
    room: { sid: 'RM_x', name: rawRoom(roomId) },
    participant: { sid: `PA_${rawUser(user).slice(0, 8)}`, identity: rawUser(user), state: 'ACTIVE', permission: { hidden: true } },
    id: `EV_hidden_${event}_${rawUser(user)}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
  });
  expect((await postWebhook(stack, body, await signWebhook(body))).status).toBe(200);
}

describe.skipIf(!livekit)('prepareCallAnswer', () => {
  it('gives a ringing callee a token for the call room that is hidden, may publish camera and microphone, may subscribe and sends no data', async () => {
    const { callees, call } = await ringing();
    const res = await as(stack, callees[0], PREPARE, { id: call.id });
    expect(res.userErrors).toEqual([]);
    expect(res.call).toEqual({ id: call.id, status: 'RINGING' });
    const claims = tokenClaims(res.access.token) as ReturnType<typeof tokenClaims> & { video: { hidden?: boolean } };
    expect(claims).toMatchObject({
      sub: rawUser(callees[0]),
      video: {
        room: rawRoom(call.room.id),
        roomJoin: true,
        hidden: true,
        canPublish: true,
        canPublishSources: ['camera', 'microphone'],
        canSubscribe: true,
        canPublishData: false,
      },
    });
    // Accepting still answers with a full token, and says no early connection was switched on (none connected here:
    // the browser then connects with the token; e2e/calls.test.ts has the promoted case).
    const accepted = await as(stack, callees[0], ACCEPT, { id: call.id });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.earlyConnectionPromoted).toBe(false);
    expect(tokenClaims(accepted.access.token).video).toMatchObject({ canPublish: true, canSubscribe: true });
  });

  it('is refused to the caller, to outsiders, after answering and once the call is over; nothing changes', async () => {
    const { caller, callees, call } = await ringing(2);
    const [outsider] = await t.users(1);
    expect(codes(await as(stack, caller, PREPARE, { id: call.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await as(stack, outsider, PREPARE, { id: call.id }))).toEqual(['NOT_FOUND']);
    expect(codes(await as(stack, callees[0], PREPARE, { id: 'not-an-id' }))).toEqual(['NOT_FOUND']);
    expect((await as(stack, callees[0], DECLINE_CALL, { id: call.id })).userErrors).toEqual([]);
    expect(codes(await as(stack, callees[0], PREPARE, { id: call.id }))).toEqual(['CONFLICT']);
    expect((await as(stack, callees[1], ACCEPT_CALL, { id: call.id })).userErrors).toEqual([]);
    expect(codes(await as(stack, callees[1], PREPARE, { id: call.id }))).toEqual(['CONFLICT']); // answered already
    expect((await as(stack, caller, END_CALL, { id: call.id })).call.status).toBe('ENDED');
    expect(codes(await as(stack, callees[1], PREPARE, { id: call.id }))).toEqual(['CONFLICT']);
  });

  it('leaves no trace of a hidden connection: no presence, and its leaving neither ends nor changes the call', async () => {
    const { caller, callees, call } = await ringing();
    await hiddenWebhook('participant_joined', call.room.id, callees[0]);
    const room = await as(stack, caller, ROOM, { id: call.room.id });
    expect(room).toMatchObject({ participantCount: 0, participants: [] });
    await hiddenWebhook('participant_left', call.room.id, callees[0]);
    expect((await as(stack, caller, ROOM, { id: call.room.id })).participantCount).toBe(0);
    const declined = await as(stack, callees[0], DECLINE_CALL, { id: call.id });
    expect(declined.call.status).toBe('DECLINED');
  });
});
