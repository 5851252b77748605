import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbidden } from '../../kernel/errors.js';
import { fromGlobalId, toGlobalId } from '../../kernel/ids.js';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { jpeg, mediaRows, NO_SCREENSHOTS, upload, useScreenshotPolicy } from './media.testkit.js';

let stack: TestStack;
let alice: TestUser;
let bob: TestUser;
const ROOM = '11111111-1111-4111-8111-111111111111';
const OTHER_ROOM = '22222222-2222-4222-8222-222222222222';

beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob] = [await signUp(stack), await signUp(stack)];
});
afterAll(async () => {
  await stack?.stop();
});

const ALBUM = `query($after: String) { screenshots(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind owner { id } } } }`;

describe('screenshots', () => {
  it('are refused (403) while the screenshot rules let nobody store one, and need a roomId', async () => {
    useScreenshotPolicy(stack, NO_SCREENSHOTS);
    const rows = await mediaRows(stack);
    const res = await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT', roomId: toGlobalId('FacechatRoom', ROOM) });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: expect.any(String), code: 'FORBIDDEN', field: null });
    const noRoom = await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT' });
    expect(noRoom).toMatchObject({ status: 400, body: { code: 'INVALID', field: ['roomId'] } });
    const notAScreenshot = await upload(stack, alice.token, await jpeg(), { kind: 'UPLOAD', roomId: ROOM });
    expect(notAScreenshot).toMatchObject({ status: 400, body: { code: 'INVALID', field: ['roomId'] } });
    expect(await mediaRows(stack)).toBe(rows);
  });

  it('go through the screenshot policy: refused → 403 and nothing stored; allowed → stored with the room, then `recorded` runs in the transaction', async () => {
    type Stored = { kind: string; roomId: string | null; ownerId: string };
    const seen: { screenshot: { mediaId: string; roomId: string; actorId: string }; stored: Stored | undefined; inTransaction: boolean }[] =
      [];
    useScreenshotPolicy(stack, {
      assertMayCapture: async (actor, _em, roomId) => {
        expect(actor.id).toBe(fromGlobalId(alice.id, 'User'));
        if (roomId !== ROOM) throw forbidden('You are not in that room.');
      },
      recorded: async (tx, _afterCommit, screenshot) => {
        // The row is already written in this transaction.
        const [stored] = await tx.execute<Stored[]>('select kind, room_id as "roomId", owner_id as "ownerId" from media where id = ?', [
          screenshot.mediaId,
        ]);
        seen.push({ screenshot, stored, inTransaction: Boolean(tx.getTransactionContext()) });
      },
    });
    const rows = await mediaRows(stack);
    const refused = await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT', roomId: toGlobalId('FacechatRoom', OTHER_ROOM) });
    expect(refused).toEqual({ status: 403, body: { message: 'You are not in that room.', code: 'FORBIDDEN', field: null } });
    expect(await mediaRows(stack)).toBe(rows);

    const shots: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT', roomId: toGlobalId('FacechatRoom', ROOM) });
      expect(res.status).toBe(201);
      expect(res.body.kind).toBe('SCREENSHOT');
      shots.push(res.body.id);
    }
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({
      screenshot: { mediaId: fromGlobalId(shots[0], 'Media'), roomId: ROOM, actorId: fromGlobalId(alice.id, 'User') },
      stored: { roomId: ROOM, kind: 'SCREENSHOT', ownerId: fromGlobalId(alice.id, 'User') },
      inTransaction: true,
    });
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
