import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { as, befriend, createRoom, JOIN, livekit, START_CALL } from './facechat.testkit.js';

/** LiveKit down (a closed port) and LiveKit not configured: joins and calls answer UNAVAILABLE and record nothing. */
let down: TestStack;
let off: TestStack;
beforeAll(async () => {
  [down, off] = await Promise.all([startTestStack({ LIVEKIT_URL: 'ws://127.0.0.1:1' }), startTestStack({ LIVEKIT_URL: '' })]);
});
afterAll(async () => {
  await Promise.all([down?.stop(), off?.stop()]);
});

async function unavailable(stack: TestStack, who: TestUser, document: string, variables: Record<string, unknown>) {
  const res = await as(stack, who, document, variables);
  expect(res.userErrors).toEqual([expect.objectContaining({ code: 'UNAVAILABLE', message: expect.any(String) })]);
  expect(res.access).toBeNull();
}

describe('LiveKit unreachable', () => {
  it('joinRoom and startCall answer UNAVAILABLE, recording nothing', async () => {
    const [owner, friend] = await Promise.all([signUp(down), signUp(down)]);
    const room = await createRoom(down, owner);
    await unavailable(down, owner, JOIN, { id: room.id });
    await befriend(down, owner, friend);
    await unavailable(down, owner, START_CALL, { ids: [friend.id] });
    const conn = down.orm.em.fork().getConnection();
    expect((await conn.execute('select count(*)::int as n from room_members'))[0].n).toBe(0);
    expect((await conn.execute('select count(*)::int as n from calls'))[0].n).toBe(0);
  });

  // Calls are one feature, not the app: LiveKit down makes the API `degraded` (200), only the database makes it unready.
  it('/readyz stays 200 with status degraded, LiveKit down and the database ok', async () => {
    const res = await fetch(`${down.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('degraded');
    expect(body.dependencies.livekit).toMatchObject({ ok: false, state: 'down' });
    expect(body.dependencies.database).toMatchObject({ ok: true, state: 'ok' });
  });
});

describe('LiveKit not configured', () => {
  it('joinRoom and startCall answer UNAVAILABLE; /readyz shows LiveKit disabled and stays ready', async () => {
    expect(off.config.livekit).toBeNull();
    const [owner, friend] = await Promise.all([signUp(off), signUp(off)]);
    const room = await createRoom(off, owner);
    await unavailable(off, owner, JOIN, { id: room.id });
    await befriend(off, owner, friend);
    await unavailable(off, owner, START_CALL, { ids: [friend.id] });
    const res = await fetch(`${off.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', dependencies: { livekit: { state: 'disabled' } } });
    const hook = await fetch(`${off.baseUrl}/livekit/webhook`, { method: 'POST', body: '{}' });
    expect(hook.status).toBe(503);
  });
});

describe.skipIf(!livekit)('LiveKit up', () => {
  it('/readyz reports LiveKit ok', async () => {
    const stack = await startTestStack();
    try {
      const res = await fetch(`${stack.baseUrl}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', dependencies: { livekit: { ok: true, state: 'ok' } } });
    } finally {
      await stack.stop();
    }
  });
});
