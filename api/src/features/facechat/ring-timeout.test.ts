import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { createLogger } from '../../logger.js';
import { gql, settle, subscribe, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import {
  ACCEPT_CALL,
  as,
  befriend,
  CALL_STATUSES,
  CALL_UPDATED,
  DECLINE_CALL,
  INVITE_TO_CALL,
  livekit,
  START_CALL,
  useStack,
} from './facechat.testkit.js';

/** Ring timeout 1.5 s (short, yet time enough to answer first on a busy machine): MISSED, MISSED_CALL, history, start-up. */
const t = useStack({ CALL_RING_TIMEOUT_MS: '1500' });
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const { client, users } = t;
async function friendsOf(caller: TestUser, n: number) {
  const callees = await users(n);
  for (const callee of callees) await befriend(stack, caller, callee);
  return callees;
}
const start = async (caller: TestUser, callees: TestUser[]) =>
  (await as(stack, caller, START_CALL, { ids: callees.map((c) => c.id) })).call;
const status = async (who: TestUser, callId: string) =>
  (await gql(stack, 'query($id: ID!) { node(id: $id) { ... on Call { status } } }', { id: callId }, { token: who.token })).data.node
    ?.status;
const INBOX = '{ notifications { nodes { type actor { id } call { id status caller { id } } } } }';
/** The viewer's call notifications (friend requests left out). */
const inbox = async (who: TestUser) =>
  (await gql(stack, INBOX, {}, { token: who.token })).data.notifications.nodes.filter(
    (n: { type: string }) => n.type !== 'FRIEND_REQUEST' && n.type !== 'FRIEND_ACCEPTED',
  );

describe.skipIf(!livekit)('ring timeout', () => {
  it('MISSED when nobody answers in time, with MISSED_CALL to the callee and callUpdated to both', async () => {
    const [caller] = await users(1);
    const [callee] = await friendsOf(caller, 1);
    const toCaller = subscribe(client(caller.token), CALL_UPDATED, {});
    const toCallee = subscribe(client(callee.token), 'subscription { notificationAdded { type call { status } } }');
    await settle();
    const call = await start(caller, [callee]);
    expect((await toCaller.next(1000)).data.callUpdated.status).toBe('RINGING');
    expect((await toCaller.next(3000)).data.callUpdated).toEqual({ id: call.id, status: 'MISSED' });
    expect((await toCallee.next(3000)).data.notificationAdded).toEqual({ type: 'MISSED_CALL', call: { status: 'MISSED' } });
    expect(await inbox(callee)).toEqual([
      { type: 'MISSED_CALL', actor: { id: caller.id }, call: { id: call.id, status: 'MISSED', caller: { id: caller.id } } },
    ]);
    expect(await inbox(caller)).toEqual([]);
    const [row] = await stack.orm.em
      .fork()
      .execute('select ended_at, answered_at from calls where id = ?', [fromGlobalId(call.id, 'Call')]);
    expect(row).toMatchObject({ ended_at: expect.anything(), answered_at: null });
    expect((await as(stack, callee, ACCEPT_CALL, { id: call.id })).userErrors[0].code).toBe('CONFLICT');
  });

  it('only callees who did not answer get MISSED_CALL; an accepted call stays on', async () => {
    const [caller] = await users(1);
    const [declines, silent, accepts] = await friendsOf(caller, 3);
    const call = await start(caller, [declines, silent, accepts]);
    await as(stack, declines, DECLINE_CALL, { id: call.id });
    await as(stack, accepts, ACCEPT_CALL, { id: call.id });
    await expect.poll(() => inbox(silent), { timeout: 5000 }).toHaveLength(1);
    await settle(300);
    expect(await status(caller, call.id)).toBe('ACCEPTED');
    expect(await inbox(declines)).toEqual([]);
    expect(await inbox(accepts)).toEqual([]);
    expect((await inbox(silent))[0]).toMatchObject({ type: 'MISSED_CALL', call: { status: 'ACCEPTED' } });
    expect((await as(stack, silent, ACCEPT_CALL, { id: call.id })).userErrors[0].code).toBe('CONFLICT');

    const second = await start(caller, [declines, silent]);
    await as(stack, declines, DECLINE_CALL, { id: second.id });
    await expect.poll(() => status(caller, second.id), { timeout: 5000 }).toBe('MISSED');
    expect(await inbox(declines)).toEqual([]);
    expect((await inbox(silent)).map((n: { call: { id: string } }) => n.call.id)).toEqual([second.id, call.id]);
  });
});

describe.skipIf(!livekit)('ring timeout of group calls', () => {
  const statuses = async (who: TestUser, callId: string) =>
    (
      (await as(stack, who, CALL_STATUSES, { id: callId })).calleeStatuses as {
        user: { id: string };
        status: string;
        respondedAt: string | null;
      }[]
    ).map((c) => [c.user.id, c.status, c.respondedAt === null]);

  it('shows who accepted, declined, still rings and missed it (with when they answered)', async () => {
    const [caller] = await users(1);
    const [accepts, declines, silent] = await friendsOf(caller, 3);
    const call = await start(caller, [accepts, declines, silent]);
    await as(stack, accepts, ACCEPT_CALL, { id: call.id });
    await as(stack, declines, DECLINE_CALL, { id: call.id });
    expect(await statuses(caller, call.id)).toEqual([
      [accepts.id, 'ACCEPTED', false],
      [declines.id, 'DECLINED', false],
      [silent.id, 'RINGING', true],
    ]);
    await expect.poll(() => statuses(accepts, call.id), { timeout: 5000 }).toContainEqual([silent.id, 'MISSED', false]);
    expect((await statuses(accepts, call.id)).slice(0, 2)).toEqual([
      [accepts.id, 'ACCEPTED', false],
      [declines.id, 'DECLINED', false],
    ]);
    expect(await status(caller, call.id)).toBe('ACCEPTED');
  });

  it("someone rung later is not missed by the first round's timeout but by their own, with a MISSED_CALL each time", async () => {
    const [caller] = await users(1);
    const [accepts, first, late] = await friendsOf(caller, 3);
    const call = await start(caller, [accepts, first]);
    await as(stack, accepts, ACCEPT_CALL, { id: call.id });
    await settle(800);
    const invited = await as(stack, caller, INVITE_TO_CALL, { input: { callId: call.id, userIds: [late.id] } });
    expect(invited.userErrors).toEqual([]);
    const invitedAt = Date.now();
    await expect.poll(() => statuses(caller, call.id), { timeout: 5000 }).toContainEqual([first.id, 'MISSED', false]);
    if (Date.now() - invitedAt < 1300) expect(await statuses(caller, call.id)).toContainEqual([late.id, 'RINGING', true]);
    expect(await inbox(late)).toEqual([]);
    await expect.poll(() => statuses(caller, call.id), { timeout: 5000 }).toContainEqual([late.id, 'MISSED', false]);
    expect(Date.now() - invitedAt).toBeGreaterThanOrEqual(1400);
    expect(await inbox(late)).toEqual([
      { type: 'MISSED_CALL', actor: { id: caller.id }, call: { id: call.id, status: 'ACCEPTED', caller: { id: caller.id } } },
    ]);
    // Rung again and missed again: a second notice (one per ringing round).
    await befriend(stack, accepts, late);
    expect((await as(stack, accepts, INVITE_TO_CALL, { input: { callId: call.id, userIds: [late.id] } })).userErrors).toEqual([]);
    await expect.poll(() => inbox(late), { timeout: 5000 }).toHaveLength(2);
    expect((await inbox(late))[0].actor).toEqual({ id: accepts.id });
    expect(await status(caller, call.id)).toBe('ACCEPTED');
  });

  it('a ringing call whose callees all missed or declined across rounds is MISSED', async () => {
    const [caller] = await users(1);
    const [first, late] = await friendsOf(caller, 2);
    const call = await start(caller, [first]);
    await settle(600);
    await as(stack, caller, INVITE_TO_CALL, { input: { callId: call.id, userIds: [late.id] } });
    await expect.poll(() => statuses(caller, call.id), { timeout: 5000 }).toContainEqual([first.id, 'MISSED', false]);
    expect(await status(caller, call.id)).toBe('RINGING'); // late still rings
    await as(stack, late, DECLINE_CALL, { id: call.id });
    expect(await status(caller, call.id)).toBe('MISSED');
  });
});

describe.skipIf(!livekit)('calls (history)', () => {
  it("lists the viewer's calls newest first, with their times, and nobody else's", async () => {
    const [caller, outsider] = await users(2);
    const [b, c] = await friendsOf(caller, 2);
    const first = await start(caller, [b]);
    const second = await start(caller, [b, c]);
    await as(stack, c, ACCEPT_CALL, { id: second.id });
    const HISTORY =
      '{ calls(first: 1) { totalCount nodes { id status createdAt answeredAt callees { id } } pageInfo { hasNextPage endCursor } } }';
    const page = (await gql(stack, HISTORY, {}, { token: b.token })).data.calls;
    expect(page).toMatchObject({
      totalCount: 2,
      nodes: [{ id: second.id, callees: [{ id: b.id }, { id: c.id }] }],
      pageInfo: { hasNextPage: true },
    });
    const rest = await gql(
      stack,
      'query($after: String) { calls(after: $after) { nodes { id } } }',
      { after: page.pageInfo.endCursor },
      { token: b.token },
    );
    expect(rest.data.calls.nodes).toEqual([{ id: first.id }]);
    const ofC = (await gql(stack, HISTORY, {}, { token: c.token })).data.calls;
    expect(ofC).toMatchObject({ totalCount: 1, nodes: [{ id: second.id, status: 'ACCEPTED', answeredAt: expect.any(String) }] });
    expect((await gql(stack, HISTORY, {}, { token: outsider.token })).data.calls.totalCount).toBe(0);
    expect((await gql(stack, HISTORY)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe.skipIf(!livekit)('start-up', () => {
  it('re-arms ring timers: a call left ringing by a stopped process is settled when the app starts', async () => {
    const [caller] = await users(1);
    const [callee] = await friendsOf(caller, 1);
    const call = await start(caller, [callee]);
    await expect.poll(() => status(caller, call.id), { timeout: 5000 }).toBe('MISSED');
    // As if the process had died before its timer fired: the call still rings in the database; then an app starts.
    const em = stack.orm.em.fork();
    const id = fromGlobalId(call.id, 'Call');
    await em.execute(`update calls set created_at = now() - interval '1 hour', status = 'RINGING', ended_at = null where id = ?`, [id]);
    await em.execute(
      `update call_callees cc set response = 'RINGING', rang_at = c.created_at from calls c where c.id = cc.call_id and c.id = ?`,
      [id],
    );
    await em.execute(`delete from notifications where call_id = ?`, [id]);
    expect(await status(caller, call.id)).toBe('RINGING');
    const app = await createApp({ config: { ...stack.config, callRingTimeoutMs: 60_000 }, orm: stack.orm, log: createLogger('silent') });
    try {
      await expect.poll(() => status(caller, call.id), { timeout: 5000 }).toBe('MISSED');
      expect((await inbox(callee)).filter((n: { call: { id: string } }) => n.call.id === call.id)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
