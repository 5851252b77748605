import { beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, subscribe, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { ACCEPT_CALL, as, befriend, CALL_UPDATED, livekit, START_CALL, useStack } from '../facechat/facechat.testkit.js';
import { seedAdmin } from './moderation.testkit.js';

const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const SUSPEND = 'mutation($u: ID!) { suspendUser(userId: $u, reason: "abuse in calls") { userErrors { code message } } }';
const HISTORY = '{ calls(first: 5) { nodes { id status answeredAt endedAt } } }';

async function suspend(admin: TestUser, user: TestUser): Promise<void> {
  expect((await gql(stack, SUSPEND, { u: user.id }, { token: admin.token })).data.suspendUser.userErrors).toEqual([]);
}

async function call(caller: TestUser, callees: TestUser[], accepting: TestUser[] = []): Promise<string> {
  for (const callee of callees) await befriend(stack, caller, callee);
  const started = await as(stack, caller, START_CALL, { ids: callees.map((c) => c.id) });
  expect(started.userErrors).toEqual([]);
  for (const callee of accepting) expect((await as(stack, callee, ACCEPT_CALL, { id: started.call.id })).userErrors).toEqual([]);
  return started.call.id as string;
}

describe.skipIf(!livekit)("a suspended user's calls end for the others", () => {
  it('an accepted 1:1 call: the callee is told ENDED live and their history says ENDED with a duration', async () => {
    const [admin, caller, callee] = await t.users(3);
    await seedAdmin(stack, admin);
    const callId = await call(caller, [callee], [callee]);
    const toCallee = subscribe(t.client(callee.token), CALL_UPDATED, { id: callId });
    await settle();

    await suspend(admin, caller);
    expect((await toCallee.next(3000)).data.callUpdated).toEqual({ id: callId, status: 'ENDED' });
    const [entry] = (await as(stack, callee, HISTORY)).nodes;
    expect(entry).toMatchObject({ id: callId, status: 'ENDED' });
    const duration = Date.parse(entry.endedAt) - Date.parse(entry.answeredAt);
    expect(duration).toBeGreaterThanOrEqual(0);
    expect(duration).toBeLessThan(60_000);
  });

  it('a call the suspended user placed that still rings is CANCELED for the callee', async () => {
    const [admin, caller, callee] = await t.users(3);
    await seedAdmin(stack, admin);
    const callId = await call(caller, [callee]);
    const toCallee = subscribe(t.client(callee.token), CALL_UPDATED, { id: callId });
    await settle();

    await suspend(admin, caller);
    expect((await toCallee.next(3000)).data.callUpdated).toEqual({ id: callId, status: 'CANCELED' });
    expect((await as(stack, callee, HISTORY)).nodes[0]).toMatchObject({ id: callId, status: 'CANCELED', answeredAt: null });
  });

  it('a ringing 1:1 call to the suspended user is DECLINED for the caller', async () => {
    const [admin, caller, callee] = await t.users(3);
    await seedAdmin(stack, admin);
    const callId = await call(caller, [callee]);
    const toCaller = subscribe(t.client(caller.token), CALL_UPDATED, { id: callId });
    await settle();

    await suspend(admin, callee);
    expect((await toCaller.next(3000)).data.callUpdated).toEqual({ id: callId, status: 'DECLINED' });
  });

  it('a group call goes on while two others remain, and ENDED when fewer do', async () => {
    const [admin, caller, first, second] = await t.users(4);
    await seedAdmin(stack, admin);
    const callId = await call(caller, [first, second], [first, second]);
    const toSecond = subscribe(t.client(second.token), CALL_UPDATED, { id: callId });
    await settle();

    await suspend(admin, caller); // first and second remain: the call goes on
    expect((await toSecond.next(3000)).data.callUpdated).toEqual({ id: callId, status: 'ACCEPTED' });
    expect((await as(stack, second, HISTORY)).nodes[0]).toMatchObject({ id: callId, status: 'ACCEPTED', endedAt: null });

    await suspend(admin, first); // only second is left
    expect((await toSecond.next(3000)).data.callUpdated).toEqual({ id: callId, status: 'ENDED' });
  });
});
