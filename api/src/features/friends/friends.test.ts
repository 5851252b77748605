import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../kernel/ids.js';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import {
  ACCEPT,
  act,
  CANCEL,
  DECLINE,
  missingUserId,
  notificationsOf,
  raw,
  relationState,
  REMOVE,
  SEND,
  userAs,
} from './friends.testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const users = (n: number) => Promise.all(Array.from({ length: n }, () => signUp(stack)));

const REQUESTS = `query($d: FriendRequestDirection!, $first: Int, $after: String) { friendRequests(direction: $d, first: $first, after: $after) {
  totalCount nodes { id status from { id } to { id } } pageInfo { hasNextPage endCursor } } }`;
const FRIENDS = `query($id: ID!, $first: Int, $after: String) { user(id: $id) { friends(first: $first, after: $after) {
  totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`;

async function befriend(a: TestUser, b: TestUser) {
  const sent = await act(stack, a, SEND, b.id);
  const accepted = await act(stack, b, ACCEPT, sent.friendRequest.id);
  expect(accepted.userErrors).toEqual([]);
}

describe('friend requests', () => {
  it('sends, lists and accepts a request; friendship is symmetric', async () => {
    const [a, b] = await users(2);
    const sent = await act(stack, a, SEND, b.id);
    expect(sent.userErrors).toEqual([]);
    expect(sent.friendRequest).toMatchObject({ status: 'PENDING', from: { id: a.id }, to: { id: b.id }, respondedAt: null });
    expect((await userAs(stack, a, b)).friendshipStatus).toBe('REQUEST_SENT');
    expect((await userAs(stack, b, a)).friendshipStatus).toBe('REQUEST_RECEIVED');
    expect((await userAs(stack, a, a)).friendshipStatus).toBe('SELF');

    const incoming = (await gql(stack, REQUESTS, { d: 'INCOMING' }, { token: b.token })).data.friendRequests;
    expect(incoming).toMatchObject({ totalCount: 1, nodes: [{ id: sent.friendRequest.id }] });
    const outgoing = (await gql(stack, REQUESTS, { d: 'OUTGOING' }, { token: a.token })).data.friendRequests;
    expect(outgoing.nodes.map((n: { id: string }) => n.id)).toEqual([sent.friendRequest.id]);
    expect((await gql(stack, REQUESTS, { d: 'OUTGOING' }, { token: b.token })).data.friendRequests.totalCount).toBe(0);
    const node = `query($id: ID!) { node(id: $id) { ... on FriendRequest { status } } }`;
    expect((await gql(stack, node, { id: sent.friendRequest.id }, { token: b.token })).data.node).toEqual({ status: 'PENDING' });
    const [stranger] = await users(1);
    expect((await gql(stack, node, { id: sent.friendRequest.id }, { token: stranger.token })).data.node).toBeNull();

    const accepted = await act(stack, b, ACCEPT, sent.friendRequest.id);
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.friendRequest.status).toBe('ACCEPTED');
    expect(accepted.friendRequest.respondedAt).toBeTruthy();
    for (const [viewer, other] of [
      [a, b],
      [b, a],
    ]) {
      expect(await userAs(stack, viewer, other)).toMatchObject({ friendshipStatus: 'FRIENDS', friendCount: 1 });
      const list = (await gql(stack, FRIENDS, { id: viewer.id })).data.user.friends;
      expect(list).toMatchObject({ totalCount: 1, nodes: [{ id: other.id }] });
    }
    expect((await gql(stack, REQUESTS, { d: 'INCOMING' }, { token: b.token })).data.friendRequests.totalCount).toBe(0);
    expect(await notificationsOf(stack, b)).toEqual([{ type: 'FRIEND_REQUEST', actor: raw(a) }]);
    expect(await notificationsOf(stack, a)).toEqual([{ type: 'FRIEND_ACCEPTED', actor: raw(b) }]);
  });

  it('refuses a request to yourself, a second pending one and one to a friend, changing nothing', async () => {
    const [a, b] = await users(2);
    const self = await act(stack, a, SEND, a.id);
    expect(self.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['userId'] })]);
    await act(stack, a, SEND, b.id);
    const before = await relationState(stack, a, b);
    expect((await act(stack, a, SEND, b.id)).userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect(await relationState(stack, a, b)).toEqual(before);

    const [c, d] = await users(2);
    await befriend(c, d);
    const friends = await relationState(stack, c, d);
    for (const [x, y] of [
      [c, d],
      [d, c],
    ]) {
      const again = await act(stack, x, SEND, y.id);
      expect(again.friendRequest).toBeNull();
      expect(again.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    }
    expect(await relationState(stack, c, d)).toEqual(friends);
  });

  it('sending to someone who already asked you accepts their request', async () => {
    const [a, b] = await users(2);
    const theirs = await act(stack, a, SEND, b.id);
    const mine = await act(stack, b, SEND, a.id);
    expect(mine.userErrors).toEqual([]);
    expect(mine.friendRequest).toMatchObject({ id: theirs.friendRequest.id, status: 'ACCEPTED', from: { id: a.id } });
    expect((await userAs(stack, a, b)).friendshipStatus).toBe('FRIENDS');
    const state = await relationState(stack, a, b);
    expect(state.requests).toHaveLength(1);
    expect(state.friendships).toHaveLength(2);
    expect(await notificationsOf(stack, a)).toEqual([{ type: 'FRIEND_ACCEPTED', actor: raw(b) }]);
  });

  it('two people asking each other at the same moment end up friends, without errors', async () => {
    const [a, b] = await users(2);
    const [x, y] = await Promise.all([act(stack, a, SEND, b.id), act(stack, b, SEND, a.id)]);
    expect([x.userErrors, y.userErrors]).toEqual([[], []]);
    expect((await userAs(stack, a, b)).friendshipStatus).toBe('FRIENDS');
    const state = await relationState(stack, a, b);
    expect(state.requests.map((r: { status: string }) => r.status)).toEqual(['ACCEPTED']);
    expect(state.friendships).toHaveLength(2);
  });

  it('only the addressee answers and only the sender cancels (FORBIDDEN, nothing changes)', async () => {
    const [a, b, c] = await users(3);
    const { friendRequest } = await act(stack, a, SEND, b.id);
    const before = await relationState(stack, a, b, c);
    const cases: [TestUser, string][] = [
      [a, ACCEPT],
      [c, ACCEPT],
      [a, DECLINE],
      [c, DECLINE],
      [b, CANCEL],
      [c, CANCEL],
    ];
    for (const [who, document] of cases) {
      const res = await act(stack, who, document, friendRequest.id);
      expect(res.friendRequest).toBeNull();
      expect(res.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['requestId'] })]);
    }
    expect(await relationState(stack, a, b, c)).toEqual(before);
    expect((await userAs(stack, b, a)).friendshipStatus).toBe('REQUEST_RECEIVED');
  });

  it('declines and cancels; a request that is no longer pending is a CONFLICT', async () => {
    const [a, b] = await users(2);
    const first = (await act(stack, a, SEND, b.id)).friendRequest;
    const declined = await act(stack, b, DECLINE, first.id);
    expect(declined.friendRequest).toMatchObject({ status: 'DECLINED' });
    expect((await userAs(stack, a, b)).friendshipStatus).toBe('NONE');
    const afterDecline = await relationState(stack, a, b);
    for (const [who, document] of [
      [b, ACCEPT],
      [b, DECLINE],
      [a, CANCEL],
    ] as const) {
      expect((await act(stack, who, document, first.id)).userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    }
    expect(await relationState(stack, a, b)).toEqual(afterDecline);

    const second = (await act(stack, a, SEND, b.id)).friendRequest;
    expect(second.id).not.toBe(first.id);
    const canceled = await act(stack, a, CANCEL, second.id);
    expect(canceled.friendRequest).toMatchObject({ status: 'CANCELED' });
    expect((await act(stack, b, ACCEPT, second.id)).userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect((await relationState(stack, a, b)).friendships).toEqual([]);
  });

  it('answers unknown, malformed or wrong-type ids with NOT_FOUND, never a 500', async () => {
    const [a, b] = await users(2);
    const before = await relationState(stack, a, b);
    const badUserIds = ['nope', '', missingUserId(), toGlobalId('Post', '00000000-0000-4000-8000-000000000001'), raw(b)];
    for (const id of badUserIds) {
      for (const document of [SEND, REMOVE]) {
        const res = await gql(stack, document, { id }, { token: a.token });
        expect(res.status).toBe(200);
        expect(res.errors).toBeUndefined();
        expect(Object.values(res.data)[0]).toMatchObject({ userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
      }
    }
    const badRequestIds = ['x', toGlobalId('FriendRequest', '00000000-0000-4000-8000-000000000002'), b.id];
    for (const id of badRequestIds) {
      for (const document of [ACCEPT, DECLINE, CANCEL]) {
        const res = await gql(stack, document, { id }, { token: a.token });
        expect(res.status).toBe(200);
        expect(res.data).toMatchObject({
          [Object.keys(res.data)[0]]: { friendRequest: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] },
        });
      }
    }
    expect(await relationState(stack, a, b)).toEqual(before);
  });

  it('needs a signed-in viewer for every mutation and for friendRequests', async () => {
    const [a, b] = await users(2);
    const { friendRequest } = await act(stack, a, SEND, b.id);
    for (const [document, id] of [
      [SEND, b.id],
      [ACCEPT, friendRequest.id],
      [DECLINE, friendRequest.id],
      [CANCEL, friendRequest.id],
      [REMOVE, b.id],
    ]) {
      const res = await act(stack, null, document, id);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const list = await gql(stack, REQUESTS, { d: 'INCOMING' });
    expect(list.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await userAs(stack, null, a)).toMatchObject({
      friendshipStatus: 'NONE',
      viewerIsFollowing: false,
      followsViewer: false,
      viewerHasBlocked: false,
    });
  });
});

describe('friends', () => {
  it('removeFriend ends the friendship for both', async () => {
    const [a, b] = await users(2);
    await befriend(a, b);
    const res = await act(stack, b, REMOVE, a.id);
    expect(res.userErrors).toEqual([]);
    expect(res.user).toMatchObject({ id: a.id, friendshipStatus: 'NONE' });
    expect(await userAs(stack, a, b)).toMatchObject({ friendshipStatus: 'NONE', friendCount: 0 });
    expect((await relationState(stack, a, b)).friendships).toEqual([]);
    expect((await act(stack, a, REMOVE, a.id)).userErrors).toEqual([expect.objectContaining({ code: 'INVALID' })]);
  });

  it('lists friends newest first, page by page', async () => {
    const [me, ...others] = await users(4);
    for (const other of others) await befriend(other, me);
    const page1 = (await gql(stack, FRIENDS, { id: me.id, first: 2 })).data.user.friends;
    expect(page1.totalCount).toBe(3);
    expect(page1.nodes.map((n: { id: string }) => n.id)).toEqual([others[2].id, others[1].id]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await gql(stack, FRIENDS, { id: me.id, first: 2, after: page1.pageInfo.endCursor })).data.user.friends;
    expect(page2.nodes.map((n: { id: string }) => n.id)).toEqual([others[0].id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('pages through pending requests newest first', async () => {
    const [me, ...senders] = await users(4);
    for (const sender of senders) await act(stack, sender, SEND, me.id);
    const page1 = (await gql(stack, REQUESTS, { d: 'INCOMING', first: 2 }, { token: me.token })).data.friendRequests;
    expect(page1.nodes.map((n: { from: { id: string } }) => n.from.id)).toEqual([senders[2].id, senders[1].id]);
    const page2 = (await gql(stack, REQUESTS, { d: 'INCOMING', first: 2, after: page1.pageInfo.endCursor }, { token: me.token })).data
      .friendRequests;
    expect(page2.nodes.map((n: { from: { id: string } }) => n.from.id)).toEqual([senders[0].id]);
  });
});
