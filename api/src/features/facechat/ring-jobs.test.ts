import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fromGlobalId } from '../../kernel/ids.js';
import { jobIdOf } from '../../server/jobs/bullmq.js';
import { gql, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { RING_TIMEOUT_JOB } from './calls.transitions.js';
import { ACCEPT_CALL, as, befriend, CALL_UPDATED, livekit, START_CALL } from './facechat.testkit.js';

/**
 * Ring time-outs as durable jobs (REDIS_URL): two API instances share one database and one Redis, as behind a load
 * balancer. Needs LiveKit (calls) and Redis; skipped with the reason when either is off.
 */
const redisUrl = inject('redisUrl');
const skip = !livekit || !redisUrl;
const reason = !livekit ? ' (skipped: no test LiveKit)' : !redisUrl ? ' (skipped: no test Redis, TEST_REDIS=off or no redis-server)' : '';

const PREFIX = `t-${randomUUID()}`;
const RING_MS = 2500;
let first: TestStack;
let second: TestStack;
let queue: Queue;
let connection: Redis;
beforeAll(async () => {
  if (skip) return;
  const env = { REDIS_URL: redisUrl!, JOBS_PREFIX: PREFIX, CALL_RING_TIMEOUT_MS: String(RING_MS) };
  first = await startTestStack(env);
  second = await startTestStack(env, undefined, { databaseUrl: first.config.databaseUrl! });
  // The queue as BullMQ stores it, to see which ring jobs exist (what the instances do is seen through the API).
  connection = new Redis(redisUrl!, { maxRetriesPerRequest: null });
  queue = new Queue('jobs', { connection, prefix: PREFIX });
});
afterAll(async () => {
  await queue?.close();
  await connection?.quit();
  await second?.stop();
  await first?.stop().catch(() => undefined); // already stopped by the first test, unless it failed early
});

const startOn = async (stack: TestStack, caller: TestUser, callee: TestUser) =>
  (await as(stack, caller, START_CALL, { ids: [callee.id] })).call as { id: string; status: string };
const status = async (stack: TestStack, who: TestUser, callId: string) =>
  (await gql(stack, 'query($id: ID!) { node(id: $id) { ... on Call { status } } }', { id: callId }, { token: who.token })).data.node
    ?.status;
const missedCalls = async (stack: TestStack, callId: string) => {
  const [row] = await stack.orm.em
    .fork()
    .execute(`select count(*)::int as n from notifications where call_id = ? and type = 'MISSED_CALL'`, [fromGlobalId(callId, 'Call')]);
  return row.n as number;
};
const ringJob = (callId: string) => queue.getJob(jobIdOf(RING_TIMEOUT_JOB, fromGlobalId(callId, 'Call')!));

describe.skipIf(skip)(`ring time-outs across instances${reason}`, () => {
  it('a call whose instance is closed mid-ring is MISSED once, by the other, with one MISSED_CALL', async () => {
    const [caller, callee] = await Promise.all([signUp(first), signUp(first)]);
    await befriend(first, caller, callee);
    // The callee's socket is on the surviving instance.
    const socket = wsClient(second, callee.token);
    const callerSocket = wsClient(second, caller.token);
    try {
      const notified = subscribe(socket, 'subscription { notificationAdded { type call { id status } } }');
      const updates = subscribe(callerSocket, CALL_UPDATED, {});
      await new Promise((r) => setTimeout(r, 200));
      const call = await startOn(first, caller, callee);
      expect(call.status).toBe('RINGING');
      expect(await (await ringJob(call.id))?.getState()).toBe('delayed');
      await first.stop();

      expect((await notified.next(RING_MS + 10_000)).data.notificationAdded).toEqual({
        type: 'MISSED_CALL',
        call: { id: call.id, status: 'MISSED' },
      });
      expect(await status(second, caller, call.id)).toBe('MISSED');
      expect((await ringJob(call.id))?.finishedOn).toBeTruthy();
      // Running the time-out again (a retry, a second delivery) changes nothing.
      await second.app.services.facechat.ringTimeout(fromGlobalId(call.id, 'Call')!);
      expect(await missedCalls(second, call.id)).toBe(1);
      const INBOX = '{ notifications { nodes { type call { id } } } }';
      const inbox = (await gql(second, INBOX, {}, { token: callee.token })).data.notifications.nodes.filter(
        (n: { type: string }) => n.type === 'MISSED_CALL',
      );
      expect(inbox).toEqual([{ type: 'MISSED_CALL', call: { id: call.id } }]);
      const statuses: string[] = [];
      for (;;) {
        const next = await updates.next(500).catch(() => null);
        if (!next) break;
        statuses.push(next.data.callUpdated.status);
      }
      expect(statuses.filter((s) => s === 'MISSED')).toEqual(['MISSED']);
    } finally {
      await Promise.all([socket.dispose(), callerSocket.dispose()]);
    }
  });

  it('a ring job canceled by the answer never runs, while an unanswered call rings out', async () => {
    const [caller, answers, silent] = await Promise.all([signUp(second), signUp(second), signUp(second)]);
    await befriend(second, caller, answers);
    await befriend(second, caller, silent);
    const answered = await startOn(second, caller, answers);
    expect(await (await ringJob(answered.id))?.getState()).toBe('delayed');
    expect((await as(second, answers, ACCEPT_CALL, { id: answered.id })).userErrors).toEqual([]);
    // The control call: its job is due after the canceled one would have been, and does run.
    const unanswered = await startOn(second, caller, silent);
    await expect.poll(() => status(second, caller, unanswered.id), { timeout: RING_MS + 10_000 }).toBe('MISSED');
    expect(await (await ringJob(unanswered.id))?.getState()).toBe('completed');
    expect(await ringJob(answered.id)).toBeUndefined();
    expect(await status(second, caller, answered.id)).toBe('ACCEPTED');
    expect(await missedCalls(second, answered.id)).toBe(0);
  });
});
