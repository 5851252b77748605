import { beforeAll, describe, expect, it } from 'vitest';
import { settle, subscribe, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { toGlobalId } from '../../kernel/ids.js';
import {
  ACCEPT_CALL,
  as,
  befriend,
  block,
  CALL_STATUSES,
  CALL_UPDATED,
  DECLINE_CALL,
  END_CALL,
  INCOMING,
  INVITE_TO_CALL,
  livekit,
  START_CALL,
  useStack,
} from './facechat.testkit.js';

/** Group calls (issue 13): ringing more friends into a call, and who rings, declined or joined. Default ring timeout (30 s). */
const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;
const codes = (res: { userErrors?: { code: string }[] }) => (res.userErrors ?? []).map((e) => e.code);
async function friendsOf(who: TestUser, n: number) {
  const friends = await users(n);
  for (const friend of friends) await befriend(stack, who, friend);
  return friends;
}
const start = async (caller: TestUser, callees: TestUser[]) =>
  (await as(stack, caller, START_CALL, { ids: callees.map((c) => c.id) })).call as { id: string; room: { id: string } };
const invite = (who: TestUser, callId: string, invitees: TestUser[]) =>
  as(stack, who, INVITE_TO_CALL, { input: { callId, userIds: invitees.map((u) => u.id) } });
interface SeenCallee {
  user: { id: string };
  status: string;
  respondedAt: string | null;
  inCall: boolean;
  invitedBy: { id: string };
}
interface SeenCall {
  id: string;
  status: string;
  calleeStatuses: SeenCallee[];
  viewerCanInvite: boolean;
}
const seen = async (who: TestUser, callId: string) => (await as(stack, who, CALL_STATUSES, { id: callId })) as SeenCall | null;
/** Each callee as `[user, status, inCall, invitedBy]`. */
const answers = (call: { calleeStatuses: SeenCallee[] }) => call.calleeStatuses.map((c) => [c.user.id, c.status, c.inCall, c.invitedBy.id]);

describe.skipIf(!livekit)('inviteToCall', () => {
  it('someone in an accepted call rings their friend, who gets the ringing dialog, accepts and is in; a decline can be rung again', async () => {
    const [caller, outsider] = await users(2);
    const [b] = await friendsOf(caller, 1);
    const [d] = await friendsOf(b, 1); // b's friend, not the caller's
    const call = await start(caller, [b]);
    await as(stack, b, ACCEPT_CALL, { id: call.id });
    const toD = subscribe(client(d.token), INCOMING);
    const toCaller = subscribe(client(caller.token), CALL_UPDATED, { id: call.id });
    await settle();

    const res = await invite(b, call.id, [d]);
    expect(res.userErrors).toEqual([]);
    expect(answers(res.call)).toEqual([
      [b.id, 'ACCEPTED', true, caller.id],
      [d.id, 'RINGING', false, b.id],
    ]);
    expect(res.call.calleeStatuses[1].respondedAt).toBeNull();
    expect(res.call.room.capacity).toBe(3); // the room grew with the call
    expect((await toD.next(2000)).data.incomingCall).toMatchObject({ id: call.id, status: 'ACCEPTED', caller: { id: caller.id } });
    expect((await toCaller.next(2000)).data.callUpdated).toEqual({ id: call.id, status: 'ACCEPTED' });

    // Ringing again is no change: nobody is rung twice.
    expect(answers((await invite(caller, call.id, [b])).call)).toEqual(answers(res.call));
    expect(answers((await invite(b, call.id, [d])).call)).toEqual(answers(res.call));
    await settle(300);
    expect(toD.events).toHaveLength(1);

    // d declines; b rings them again; now they accept and are in the call.
    expect((await as(stack, d, DECLINE_CALL, { id: call.id })).call.status).toBe('ACCEPTED');
    expect(answers((await seen(caller, call.id))!)[1]).toEqual([d.id, 'DECLINED', false, b.id]);
    expect(answers((await invite(b, call.id, [d])).call)[1]).toEqual([d.id, 'RINGING', false, b.id]);
    expect((await toD.next(2000)).data.incomingCall.id).toBe(call.id);
    const accepted = await as(stack, d, ACCEPT_CALL, { id: call.id });
    expect(accepted.access.token).toBeTruthy();
    const now = (await seen(d, call.id))!;
    expect(answers(now)).toEqual([
      [b.id, 'ACCEPTED', true, caller.id],
      [d.id, 'ACCEPTED', true, b.id],
    ]);
    expect(now.calleeStatuses[1].respondedAt).toEqual(expect.any(String));
    expect(now.viewerCanInvite).toBe(true);
    expect(await seen(outsider, call.id)).toBeNull();

    // Hung up: no longer in the call, so they cannot ring anyone; rung again, they can come back.
    await as(stack, d, END_CALL, { id: call.id });
    expect(answers((await seen(caller, call.id))!)[1]).toEqual([d.id, 'ACCEPTED', false, b.id]);
    expect((await seen(d, call.id))!.viewerCanInvite).toBe(false);
    expect(codes(await invite(d, call.id, [b]))).toEqual(['FORBIDDEN']);
    expect(answers((await invite(b, call.id, [d])).call)[1]).toEqual([d.id, 'RINGING', false, b.id]);
  });

  it('refuses strangers, blocked people, bad ids, people not in the call and a finished call, changing nothing', async () => {
    const [caller, stranger] = await users(2);
    const [b, c, e, f] = await friendsOf(caller, 4);
    await block(stack, e, b); // e and b blocked each other: e may not be rung into a call b is in
    const call = await start(caller, [b, c]);
    await as(stack, b, ACCEPT_CALL, { id: call.id });
    const before = answers((await seen(caller, call.id))!);
    const toE = subscribe(client(e.token), INCOMING);
    await settle();

    expect(codes(await invite(caller, call.id, [stranger]))).toEqual(['FORBIDDEN']);
    expect(codes(await invite(caller, call.id, [f, e]))).toEqual(['FORBIDDEN']); // all or nothing: f is not rung either
    expect(codes(await invite(c, call.id, [f]))).toEqual(['FORBIDDEN']); // c still rings: not in the call yet
    expect(codes(await invite(stranger, call.id, [f]))).toEqual(['NOT_FOUND']);
    expect(codes(await invite(b, call.id, [caller]))).toEqual(['INVALID']);
    expect(codes(await invite(caller, call.id, [caller]))).toEqual(['INVALID']);
    expect(codes(await invite(caller, call.id, []))).toEqual(['INVALID']);
    expect(codes(await as(stack, caller, INVITE_TO_CALL, { input: { callId: call.id, userIds: ['nonsense'] } }))).toEqual(['INVALID']);
    const ghost = toGlobalId('User', '00000000-0000-4000-8000-000000000000');
    expect(codes(await as(stack, caller, INVITE_TO_CALL, { input: { callId: call.id, userIds: [ghost] } }))).toEqual(['NOT_FOUND']);
    expect(answers((await seen(caller, call.id))!)).toEqual(before);

    await as(stack, caller, END_CALL, { id: call.id });
    expect(codes(await invite(caller, call.id, [f]))).toEqual(['CONFLICT']);
    const over = (await seen(caller, call.id))!;
    expect(over.viewerCanInvite).toBe(false);
    expect(answers(over)).toEqual([
      [b.id, 'ACCEPTED', false, caller.id], // the call is over: nobody is in it
      [c.id, 'RINGING', false, caller.id], // never answered (a finished call rings nobody)
    ]);
    await settle(300);
    expect(toE.events).toEqual([]);
  });

  it('a call holds 16 people: one more is FULL until someone declines', async () => {
    const [caller] = await users(1);
    const friends = await friendsOf(caller, 16);
    const [first, ...others] = friends.slice(0, 15);
    const extra = friends[15];
    const call = await start(caller, [first, ...others]);
    expect((await seen(caller, call.id))!.viewerCanInvite).toBe(false);
    const full = await invite(caller, call.id, [extra]);
    expect(codes(full)).toEqual(['FULL']);
    expect(full.call).toBeNull();
    expect((await seen(caller, call.id))!.calleeStatuses).toHaveLength(15);

    await as(stack, first, DECLINE_CALL, { id: call.id });
    expect((await seen(caller, call.id))!.viewerCanInvite).toBe(true);
    const res = await invite(caller, call.id, [extra]);
    expect(res.userErrors).toEqual([]);
    expect(res.call.room.capacity).toBe(16);
    expect(res.call.calleeStatuses.map((c: { status: string }) => c.status).filter((s: string) => s === 'RINGING')).toHaveLength(15);
    expect(codes(await invite(caller, call.id, [first]))).toEqual(['FULL']); // the seat they left is taken
  });
});
