import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { ACCEPT, act, BLOCK, FOLLOW, missingUserId, raw, relationState, SEND, UNBLOCK, UNFOLLOW, userAs } from './friends.testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const users = (n: number, prefix?: string) =>
  Promise.all(Array.from({ length: n }, (_, i) => signUp(stack, prefix ? { username: `${prefix}${i}` } : {})));
const ids = (conn: { nodes: { id: string }[] }) => conn.nodes.map((n) => n.id);

const LISTS = `query($id: ID!, $first: Int, $after: String) { user(id: $id) {
  friends { totalCount nodes { id } }
  followers(first: $first, after: $after) { totalCount nodes { id } pageInfo { endCursor } }
  following { totalCount nodes { id } } } }`;
const SEARCH = `query($q: String!) { searchUsers(query: $q, first: 50) { totalCount nodes { id } } }`;

async function befriend(a: TestUser, b: TestUser) {
  const { friendRequest } = await act(stack, a, SEND, b.id);
  await act(stack, b, ACCEPT, friendRequest.id);
}

describe('follows', () => {
  it('follows without consent, shows it from both sides, and lists newest first', async () => {
    const [star, fan1, fan2] = await users(3);
    const res = await act(stack, fan1, FOLLOW, star.id);
    expect(res.userErrors).toEqual([]);
    expect(res.user).toMatchObject({ id: star.id, viewerIsFollowing: true, followsViewer: false, friendshipStatus: 'NONE' });
    await act(stack, fan2, FOLLOW, star.id);
    expect(await userAs(stack, star, fan1)).toMatchObject({ followsViewer: true, viewerIsFollowing: false, followingCount: 1 });
    expect(await userAs(stack, fan1, star)).toMatchObject({ followerCount: 2, followingCount: 0, viewerIsFollowing: true });

    const page1 = (await gql(stack, LISTS, { id: star.id, first: 1 })).data.user.followers;
    expect(page1.totalCount).toBe(2);
    expect(ids(page1)).toEqual([fan2.id]);
    const page2 = (await gql(stack, LISTS, { id: star.id, first: 1, after: page1.pageInfo.endCursor })).data.user.followers;
    expect(ids(page2)).toEqual([fan1.id]);
    expect(ids((await gql(stack, LISTS, { id: fan1.id })).data.user.following)).toEqual([star.id]);
  });

  it('following twice is a no-op, yourself is INVALID, and unfollowing ends it', async () => {
    const [a, b] = await users(2);
    await act(stack, a, FOLLOW, b.id);
    const twice = await act(stack, a, FOLLOW, b.id);
    expect(twice.userErrors).toEqual([]);
    expect((await relationState(stack, a, b)).follows).toHaveLength(1);
    expect((await act(stack, a, FOLLOW, a.id)).userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['userId'] })]);
    for (const id of ['bad', missingUserId()]) {
      expect((await act(stack, a, FOLLOW, id)).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    }
    const off = await act(stack, a, UNFOLLOW, b.id);
    expect(off.user).toMatchObject({ viewerIsFollowing: false });
    expect(await userAs(stack, a, b)).toMatchObject({ followerCount: 0 });
    expect((await act(stack, a, UNFOLLOW, b.id)).userErrors).toEqual([]);
    expect((await act(stack, null, FOLLOW, b.id)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('blocks', () => {
  it('ends friendship, follows both ways and pending requests, then forbids befriending and following', async () => {
    const [a, b, c] = await users(3);
    await befriend(a, b);
    await act(stack, a, FOLLOW, b.id);
    await act(stack, b, FOLLOW, a.id);
    const pending = (await act(stack, c, SEND, a.id)).friendRequest;

    const res = await act(stack, a, BLOCK, b.id);
    expect(res.userErrors).toEqual([]);
    expect(res.user).toMatchObject({ viewerHasBlocked: true, friendshipStatus: 'NONE', viewerIsFollowing: false, followsViewer: false });
    expect(await userAs(stack, b, a)).toBeNull(); // the blocked user no longer reads the blocker's profile
    expect(await userAs(stack, a, b)).toMatchObject({ viewerHasBlocked: true, friendCount: 0, followerCount: 0 });
    const afterBlock = await relationState(stack, a, b);
    expect(afterBlock).toMatchObject({
      friendships: [],
      follows: [],
      blocks: [expect.objectContaining({ blocker_id: raw(a), blocked_id: raw(b) })],
    });
    expect(afterBlock.requests.map((r: { from_id: string; status: string }) => [r.from_id, r.status]).sort()).toEqual(
      [
        [raw(a), 'ACCEPTED'],
        [raw(c), 'PENDING'],
      ].sort(),
    ); // the block leaves C's request to A alone

    // Each side is refused while the block lasts, and nothing changes.
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      for (const document of [SEND, FOLLOW]) {
        const refused = await act(stack, x, document, y.id);
        expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
      }
    }
    expect(await relationState(stack, a, b)).toEqual(afterBlock);
    expect((await act(stack, a, BLOCK, a.id)).userErrors).toEqual([expect.objectContaining({ code: 'INVALID' })]);
    expect((await act(stack, a, BLOCK, b.id)).userErrors).toEqual([]); // twice: no-op

    // A pending request between the two is canceled by a block; others are untouched.
    const d = (await users(1))[0];
    const toBlocker = (await act(stack, d, SEND, a.id)).friendRequest;
    await act(stack, a, BLOCK, d.id);
    const requests = (await relationState(stack, d)).requests;
    expect(requests).toEqual([expect.objectContaining({ status: 'CANCELED' })]);
    expect((await act(stack, a, ACCEPT, toBlocker.id)).userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect((await act(stack, a, ACCEPT, pending.id)).friendRequest.status).toBe('ACCEPTED');

    const unblocked = await act(stack, a, UNBLOCK, b.id);
    expect(unblocked.user).toMatchObject({ viewerHasBlocked: false, friendshipStatus: 'NONE' });
    expect((await act(stack, b, FOLLOW, a.id)).userErrors).toEqual([]);
  });

  it('hides each from the other in searchUsers and in friends/followers/following lists', async () => {
    const tag = `blk${randomUUID().slice(0, 6)}`;
    const [a, b, c, d] = await users(4, tag);
    await befriend(c, a);
    await befriend(c, b);
    await act(stack, a, FOLLOW, c.id);
    await act(stack, b, FOLLOW, c.id);
    await act(stack, c, FOLLOW, a.id);
    await act(stack, c, FOLLOW, b.id);
    await act(stack, a, BLOCK, b.id);

    const seen = async (viewer: TestUser) => ids((await gql(stack, SEARCH, { q: tag }, { token: viewer.token })).data.searchUsers);
    expect(await seen(a)).toEqual([a.id, c.id, d.id]);
    expect(await seen(b)).toEqual([b.id, c.id, d.id]);
    expect(await seen(d)).toEqual([a.id, b.id, c.id, d.id]);
    expect((await gql(stack, SEARCH, { q: tag }, { token: a.token })).data.searchUsers.totalCount).toBe(3);
    expect(ids((await gql(stack, SEARCH, { q: tag })).data.searchUsers)).toHaveLength(4);

    const listsAs = async (viewer: TestUser | null) =>
      (await gql(stack, LISTS, { id: c.id }, viewer ? { token: viewer.token } : {})).data.user;
    for (const [viewer, hidden, shown] of [
      [a, b, a],
      [b, a, b],
    ]) {
      const lists = await listsAs(viewer);
      for (const list of [lists.friends, lists.followers, lists.following]) {
        expect(ids(list)).toEqual([shown.id]);
        expect(list.totalCount).toBe(1);
        expect(ids(list)).not.toContain(hidden.id);
      }
      expect(await userAs(stack, viewer, c)).toMatchObject({ friendCount: 1, followerCount: 1, followingCount: 1 });
    }
    const anonymous = await listsAs(null);
    expect(anonymous.friends.totalCount).toBe(2);
    expect(ids(anonymous.followers).sort()).toEqual([a.id, b.id].sort());

    await act(stack, a, UNBLOCK, b.id);
    expect(await seen(a)).toEqual([a.id, b.id, c.id, d.id]);
  });
});

describe('loaders', () => {
  const PAGE = `query($q: String!, $n: Int) { searchUsers(query: $q, first: $n) { nodes {
    id friendCount followerCount followingCount friendshipStatus viewerIsFollowing followsViewer viewerHasBlocked } } }`;

  it('a page of 50 users with every count and viewer field costs as many statements as a page of 5', async () => {
    const tag = `ldr${randomUUID().slice(0, 6)}`;
    const [viewer] = await users(1);
    // 50 users straight into the database (50 sign-ups would hash 50 passwords), with relations of every kind.
    const conn = stack.orm.em.fork().getConnection();
    const rawIds = Array.from({ length: 50 }, () => randomUUID());
    const now = new Date();
    for (const [i, id] of rawIds.entries()) {
      await conn.execute(
        `insert into users (id, username, email, password_hash, display_name, created_at, updated_at)
        values (?, ?, ?, 'x', ?, ?, ?)`,
        [id, `${tag}_${String(i).padStart(2, '0')}`, `${tag}${i}@example.com`, `L ${i}`, now, now],
      );
    }
    const v = raw(viewer);
    for (const [i, id] of rawIds.entries()) {
      if (i % 4 === 0) await conn.execute('insert into friendships values (?, ?, ?), (?, ?, ?)', [v, id, now, id, v, now]);
      if (i % 4 === 1) await conn.execute('insert into follows values (?, ?, ?)', [v, id, now]);
      if (i % 4 === 2) await conn.execute('insert into follows values (?, ?, ?)', [id, v, now]);
      if (i % 4 === 3) await conn.execute(`insert into friend_requests values (?, ?, ?, 'PENDING', ?, null)`, [randomUUID(), id, v, now]);
      if (i > 0) await conn.execute('insert into follows values (?, ?, ?)', [id, rawIds[0], now]);
    }

    const run = (n: number) => stack.countQueries(() => gql(stack, PAGE, { q: tag, n }, { token: viewer.token }));
    const five = await run(5);
    const fifty = await run(50);
    expect(five.result.errors).toBeUndefined();
    expect(fifty.result.errors).toBeUndefined();
    const nodes = fifty.result.data.searchUsers.nodes;
    expect(nodes).toHaveLength(50);
    expect(nodes[0]).toMatchObject({ friendshipStatus: 'FRIENDS', friendCount: 1, followerCount: 49 });
    expect(nodes[1]).toMatchObject({ viewerIsFollowing: true, followerCount: 1, followingCount: 1 });
    expect(nodes[2]).toMatchObject({ followsViewer: true, followingCount: 2 });
    expect(nodes[3]).toMatchObject({ friendshipStatus: 'REQUEST_RECEIVED', viewerHasBlocked: false });
    console.info(`statements: first 5 → ${five.queries}, first 50 → ${fifty.queries}`);
    expect(fifty.queries).toBe(five.queries);
    expect(five.queries).toBeLessThanOrEqual(4); // session check, search, counts, viewer flags
  });
});
