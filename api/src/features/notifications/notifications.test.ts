import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const INBOX = `query($unread: Boolean, $first: Int, $after: String) { notifications(unreadOnly: $unread, first: $first, after: $after) {
  nodes { id type read actor { username } } totalCount unreadCount pageInfo { hasNextPage endCursor } } }`;

describe('notifications inbox', () => {
  it('lists newest first with counts, pages, and marks chosen ones or all as read', async () => {
    const me = await signUp(stack);
    const senders = [await signUp(stack), await signUp(stack), await signUp(stack)];
    for (const sender of senders) {
      const res = await gql(
        stack,
        'mutation($u: ID!) { followUser(userId: $u) { userErrors { code } } }',
        { u: me.id },
        { token: sender.token },
      );
      expect(res.data.followUser.userErrors).toEqual([]);
    }
    const all = (await gql(stack, INBOX, {}, { token: me.token })).data.notifications;
    expect(all.nodes.map((n: { actor: { username: string } }) => n.actor.username)).toEqual(senders.map((s) => s.username).reverse());
    expect(all).toMatchObject({ totalCount: 3, unreadCount: 3 });
    expect(all.nodes.every((n: { type: string; read: boolean }) => n.type === 'FOLLOW' && !n.read)).toBe(true);

    const page1 = (await gql(stack, INBOX, { first: 2 }, { token: me.token })).data.notifications;
    const page2 = (await gql(stack, INBOX, { first: 2, after: page1.pageInfo.endCursor }, { token: me.token })).data.notifications;
    expect([...page1.nodes, ...page2.nodes].map((n: { id: string }) => n.id)).toEqual(all.nodes.map((n: { id: string }) => n.id));
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const marked = await gql(
      stack,
      'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }',
      { ids: [all.nodes[0].id, 'garbage'] },
      { token: me.token },
    );
    expect(marked.data.markNotificationsRead).toBe(1);
    const unread = (await gql(stack, INBOX, { unread: true }, { token: me.token })).data.notifications;
    expect(unread).toMatchObject({ totalCount: 2, unreadCount: 2 });
    expect(unread.nodes.map((n: { id: string }) => n.id)).not.toContain(all.nodes[0].id);

    // Someone else's ids change nothing.
    const stranger = await signUp(stack);
    const foreign = await gql(
      stack,
      'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }',
      { ids: [all.nodes[1].id] },
      { token: stranger.token },
    );
    expect(foreign.data.markNotificationsRead).toBe(0);

    expect((await gql(stack, 'mutation { markNotificationsRead }', {}, { token: me.token })).data.markNotificationsRead).toBe(2);
    expect((await gql(stack, INBOX, {}, { token: me.token })).data.notifications.unreadCount).toBe(0);
  });

  it("needs sign-in and does not show one user's notifications to another through node(id)", async () => {
    expect((await gql(stack, '{ notifications { totalCount } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const me = await signUp(stack);
    const fan = await signUp(stack);
    await gql(stack, 'mutation($u: ID!) { followUser(userId: $u) { userErrors { code } } }', { u: me.id }, { token: fan.token });
    const [n] = (await gql(stack, INBOX, {}, { token: me.token })).data.notifications.nodes;
    const mine = await gql(stack, 'query($id: ID!) { node(id: $id) { id } }', { id: n.id }, { token: me.token });
    expect(mine.data.node).toEqual({ id: n.id });
    const theirs = await gql(stack, 'query($id: ID!) { node(id: $id) { id } }', { id: n.id }, { token: fan.token });
    expect(theirs.data.node).toBeNull();
  });
});
