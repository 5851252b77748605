import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenSigner } from '../../lib/tokens.js';
import { gql, settle, signUp, subscribe, wsClient } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { ACCEPT, act, FOLLOW, SEND, UNFOLLOW } from './friends.testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const ADDED = 'subscription { notificationAdded { id type read actor { id } } }';
const INBOX = '{ notifications { totalCount unreadCount nodes { type actor { id } } } }';

const clients: ReturnType<typeof wsClient>[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await settle(50);
  vi.restoreAllMocks();
});
function client(token?: string, onClose?: (event: { code: number; reason: string }) => void) {
  const c = wsClient(stack, token, { onClose });
  clients.push(c);
  return c;
}
const users = (n: number) => Promise.all(Array.from({ length: n }, () => signUp(stack)));

describe('live notifications', () => {
  it('pushes FRIEND_REQUEST to the addressee after the commit, and nothing to anyone else', async () => {
    const [sender, addressee, third] = await users(3);
    const toAddressee = subscribe(client(addressee.token), ADDED);
    const toThird = subscribe(client(third.token), ADDED);
    const toSender = subscribe(client(sender.token), ADDED);
    await settle();

    const sent = await act(stack, sender, SEND, addressee.id);
    expect(sent.userErrors).toEqual([]);
    // Outcome, not latency (that belongs in bench/): the push arrives once the request has committed.
    const event = await toAddressee.next(1000);
    expect(event.errors).toBeUndefined();
    expect(event.data.notificationAdded).toMatchObject({ type: 'FRIEND_REQUEST', read: false, actor: { id: sender.id } });
    // Pushed only after the commit: the pushed notification is already in the inbox when it arrives.
    const stored = (await gql(stack, '{ notifications { nodes { id } } }', {}, { token: addressee.token })).data.notifications.nodes;
    expect(stored).toEqual([{ id: event.data.notificationAdded.id }]);

    // The addressee answers; the original sender hears FRIEND_ACCEPTED from the addressee.
    await act(stack, addressee, ACCEPT, sent.friendRequest.id);
    const accepted = await toSender.next(1000);
    expect(accepted.data.notificationAdded).toMatchObject({ type: 'FRIEND_ACCEPTED', actor: { id: addressee.id } });

    await settle(300);
    expect(toThird.events).toEqual([]);
    expect(toThird.error).toBeNull();
    expect(toAddressee.events).toHaveLength(1);
    expect(toSender.events).toHaveLength(1);
    const inbox = (await gql(stack, INBOX, {}, { token: addressee.token })).data.notifications;
    expect(inbox).toMatchObject({ totalCount: 1, unreadCount: 1, nodes: [{ type: 'FRIEND_REQUEST', actor: { id: sender.id } }] });
  });

  it('notifies a follow once when following, unfollowing and following again within the hour', async () => {
    const [fan, star] = await users(2);
    const toStar = subscribe(client(star.token), ADDED);
    await settle();
    await act(stack, fan, FOLLOW, star.id);
    expect((await toStar.next(1000)).data.notificationAdded).toMatchObject({ type: 'FOLLOW', actor: { id: fan.id } });
    await act(stack, fan, UNFOLLOW, star.id);
    expect((await act(stack, fan, FOLLOW, star.id)).user.viewerIsFollowing).toBe(true);
    await act(stack, fan, FOLLOW, star.id);
    await settle(300);
    expect(toStar.events).toHaveLength(1);
    const inbox = (await gql(stack, INBOX, {}, { token: star.token })).data.notifications;
    expect(inbox.nodes).toEqual([{ type: 'FOLLOW', actor: { id: fan.id } }]);
  });

  it('nothing is pushed for a refused request', async () => {
    const [a, b] = await users(2);
    await act(stack, a, SEND, b.id);
    const toB = subscribe(client(b.token), ADDED);
    await settle();
    expect((await act(stack, a, SEND, b.id)).userErrors[0].code).toBe('CONFLICT');
    await settle(300);
    expect(toB.events).toEqual([]);
  });
});

describe('subscription auth', () => {
  it('closes the socket with 4401 for a forged or expired token', async () => {
    const [user] = await users(1);
    const claims = decodeJwt(user.token) as { sub: string; sid: string };
    const expired = (
      await new TokenSigner(stack.config.jwtSecret).sign({ userId: claims.sub, sessionId: claims.sid }, Date.now() - 3_600_000)
    ).token;
    const forged = (await new TokenSigner('not-the-server-secret-at-all-0123456789').sign({ userId: claims.sub, sessionId: claims.sid }))
      .token;
    for (const token of [forged, expired, 'garbage']) {
      const closed = new Promise<{ code: number; reason: string }>((resolve) => {
        subscribe(client(token, resolve), ADDED);
      });
      const event = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 2000))]);
      expect(event?.code).toBe(4401);
    }
  });

  it('without a token the subscription fails with UNAUTHENTICATED', async () => {
    const sub = subscribe(client(), ADDED);
    let failure: unknown;
    try {
      const event = await sub.next(2000);
      failure = event.errors;
    } catch (error) {
      failure = sub.error ?? error;
    }
    expect(JSON.stringify(failure)).toContain('UNAUTHENTICATED');
  });
});
