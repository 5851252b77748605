import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbidden } from '../../graphql/errors.js';
import { toGlobalId } from '../../graphql/ids.js';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import type { Media } from './media.entity.js';
import { jpeg, mediaRows, upload } from './media.testkit.js';

let stack: TestStack;
let alice: TestUser;
let bob: TestUser;
const ROOM = '11111111-1111-4111-8111-111111111111';
const OTHER_ROOM = '22222222-2222-4222-8222-222222222222';

beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob] = [await signUp(stack), await signUp(stack)];
});
afterAll(async () => { await stack?.stop(); });

const ALBUM = `query($after: String) { screenshots(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind owner { id } } } }`;

describe('screenshots', () => {
  it('are refused (403) while no feature has registered the screenshot rules, and need a roomId', async () => {
    stack.app.services.media.onScreenshot(null);
    const rows = await mediaRows(stack);
    const res = await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT', roomId: toGlobalId('FacechatRoom', ROOM) });
    expect(res.status).toBe(403);
    expect(res.body.message).toEqual(expect.any(String));
    expect((await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT' })).status).toBe(400);
    expect((await upload(stack, alice.token, await jpeg(), { kind: 'UPLOAD', roomId: ROOM })).status).toBe(400);
    expect(await mediaRows(stack)).toBe(rows);
  });

  it('go through the registered hook: refused → 403 and nothing stored; allowed → stored with the room, then `after` runs in the transaction', async () => {
    const seen: { media: Media; viewerId: string; inTransaction: boolean }[] = [];
    stack.app.services.media.onScreenshot({
      check: async (_ctx, roomId) => { if (roomId !== ROOM) throw forbidden('You are not in that room.'); },
      after: async (tx, _afterCommit, media, viewerId) => { seen.push({ media, viewerId, inTransaction: Boolean(tx.getTransactionContext()) }); },
    });
    const rows = await mediaRows(stack);
    const refused = await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT', roomId: toGlobalId('FacechatRoom', OTHER_ROOM) });
    expect(refused).toEqual({ status: 403, body: { message: 'You are not in that room.' } });
    expect(await mediaRows(stack)).toBe(rows);

    const shots: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT', roomId: toGlobalId('FacechatRoom', ROOM) });
      expect(res.status).toBe(201);
      expect(res.body.kind).toBe('SCREENSHOT');
      shots.push(res.body.id);
    }
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({ media: { roomId: ROOM, kind: 'SCREENSHOT' }, inTransaction: true });
    await upload(stack, alice.token, await jpeg()); // a plain upload is not in the album

    const page1 = await gql(stack, ALBUM, {}, { token: alice.token });
    expect(page1.data.screenshots.totalCount).toBe(3);
    expect(page1.data.screenshots.nodes.map((n: { id: string }) => n.id)).toEqual([shots[2], shots[1]]);
    const page2 = await gql(stack, ALBUM, { after: page1.data.screenshots.pageInfo.endCursor }, { token: alice.token });
    expect(page2.data.screenshots.nodes.map((n: { id: string }) => n.id)).toEqual([shots[0]]);
    expect((await gql(stack, ALBUM, {}, { token: bob.token })).data.screenshots.totalCount).toBe(0);
    expect((await gql(stack, ALBUM, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
