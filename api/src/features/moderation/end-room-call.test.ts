import { beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, subscribe } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';
import { as, befriend, CALL_UPDATED, livekit, START_CALL, useStack } from '../facechat/facechat.testkit.js';
import { seedAdmin } from './moderation.testkit.js';
import { END_ROOM } from './reports.testkit.js';

const t = useStack();
let stack: TestStack;
beforeAll(() => {
  stack = t.stack;
});
const STATUS = 'query($id: ID!) { node(id: $id) { ... on Call { status } } }';

describe.skipIf(!livekit)('endRoom on a call that still rings', () => {
  it('cancels the call: caller and callee get the update and it no longer rings', async () => {
    const [mod, caller, callee] = await t.users(3);
    await seedAdmin(stack, mod);
    await befriend(stack, caller, callee);
    const started = await as(stack, caller, START_CALL, { ids: [callee.id] });
    expect(started.userErrors).toEqual([]);
    const call = started.call;
    const toCaller = subscribe(t.client(caller.token), CALL_UPDATED, { id: call.id });
    const toCallee = subscribe(t.client(callee.token), CALL_UPDATED, { id: call.id });
    await settle();

    const ended = await gql(stack, END_ROOM, { id: call.room.id, reason: 'Abusive caller' }, { token: mod.token });
    expect(ended.data.endRoom.userErrors).toEqual([]);
    for (const updates of [toCaller, toCallee]) {
      expect((await updates.next(3000)).data.callUpdated).toEqual({ id: call.id, status: 'CANCELED' });
    }
    const status = await gql(stack, STATUS, { id: call.id }, { token: caller.token });
    expect(status.data.node.status).toBe('CANCELED');
  });
});
