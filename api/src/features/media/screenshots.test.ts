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
let carol: TestUser;
const ROOM = '11111111-1111-4111-8111-111111111111';
const OTHER_ROOM = '22222222-2222-4222-8222-222222222222';

beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob, carol] = [await signUp(stack), await signUp(stack), await signUp(stack)];
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
      participantIds: async () => [],
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

describe('who is in a screenshot (`screenshotPeople`)', () => {
  const raw = (user: TestUser) => fromGlobalId(user.id, 'User')!;
  const SHOT = `query($id: ID!) { node(id: $id) { ... on Media { id screenshotPeople { userId x y user { id displayName } } } } }`;
  const room = toGlobalId('FacechatRoom', ROOM);
  const people = (list: unknown) => ({ kind: 'SCREENSHOT', roomId: room, screenshotPeople: JSON.stringify(list) });

  beforeAll(() => {
    // Alice and Bob are in the room; Carol is not.
    useScreenshotPolicy(stack, {
      assertMayCapture: async () => {},
      recorded: async () => {},
      participantIds: async () => [raw(alice), raw(bob)],
    });
  });

  it('are stored with the screenshot and shown to its owner only', async () => {
    const res = await upload(
      stack,
      alice.token,
      await jpeg(),
      people([
        { userId: alice.id, x: 0.25, y: 0.4 },
        { userId: bob.id, x: 0.75123456, y: 0.35 },
      ]),
    );
    expect(res.status).toBe(201);
    const mine = await gql(stack, SHOT, { id: res.body.id }, { token: alice.token });
    expect(mine.data.node.screenshotPeople).toEqual([
      { userId: alice.id, x: 0.25, y: 0.4, user: { id: alice.id, displayName: expect.any(String) } },
      { userId: bob.id, x: 0.7512, y: 0.35, user: { id: bob.id, displayName: expect.any(String) } },
    ]);
    const [row] = await stack.orm.em
      .fork()
      .getConnection()
      .execute('select screenshot_people as people from media where id = ?', [fromGlobalId(res.body.id, 'Media')]);
    expect(row.people).toEqual([
      { userId: raw(alice), x: 0.25, y: 0.4 },
      { userId: raw(bob), x: 0.7512, y: 0.35 },
    ]);

    // A screenshot sent without people has none.
    const plain = await upload(stack, alice.token, await jpeg(), { kind: 'SCREENSHOT', roomId: room });
    expect((await gql(stack, SHOT, { id: plain.body.id }, { token: alice.token })).data.node.screenshotPeople).toBeNull();
  });

  it('refuses malformed people, positions outside 0–1 and anyone not in the call with a 400, storing nothing', async () => {
    const rows = await mediaRows(stack);
    const bad: [string, Record<string, string>][] = [
      ['not JSON', { kind: 'SCREENSHOT', roomId: room, screenshotPeople: '[{userId:' }],
      ['not a list', people({ userId: bob.id, x: 0.5, y: 0.5 })],
      ['no user', people([{ x: 0.5, y: 0.5 }])],
      ['a post id', people([{ userId: toGlobalId('Post', ROOM), x: 0.5, y: 0.5 }])],
      ['x above 1', people([{ userId: bob.id, x: 1.2, y: 0.5 }])],
      ['y below 0', people([{ userId: bob.id, x: 0.5, y: -0.1 }])],
      ['x as text', people([{ userId: bob.id, x: '0.5', y: 0.5 }])],
      [
        'twice',
        people([
          { userId: bob.id, x: 0.2, y: 0.5 },
          { userId: bob.id, x: 0.7, y: 0.5 },
        ]),
      ],
      [
        'a non-participant',
        people([
          { userId: bob.id, x: 0.2, y: 0.5 },
          { userId: carol.id, x: 0.7, y: 0.5 },
        ]),
      ],
      ['on a plain upload', { screenshotPeople: JSON.stringify([{ userId: alice.id, x: 0.5, y: 0.5 }]) }],
    ];
    for (const [why, fields] of bad) {
      const res = await upload(stack, alice.token, await jpeg(), fields);
      expect({ why, ...res }).toEqual({
        why,
        status: 400,
        body: { message: expect.any(String), code: 'INVALID', field: ['screenshotPeople'] },
      });
    }
    const outsider = await upload(stack, alice.token, await jpeg(), people([{ userId: carol.id, x: 0.5, y: 0.5 }]));
    expect(outsider.body.message).toBe('`screenshotPeople` can only name people who are in the call.');
    expect(await mediaRows(stack)).toBe(rows);
  });
});
