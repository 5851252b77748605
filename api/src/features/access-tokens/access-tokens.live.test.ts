import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, signUp, subscribe, wsClient, type TestUser } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';
import { jpeg, upload } from '../media/media.testkit.js';
import { seedAdmin } from '../moderation/moderation.testkit.js';
import { createToken, REVOKE } from './access-tokens.testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const NOTIFICATION = 'subscription { notificationAdded { id type actor { id } } }';

interface Socket {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
}

function openSocket(secret: string): Socket {
  let done = false;
  let client!: Client;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    client = wsClient(stack, secret, {
      onClose: (event) => {
        done = true;
        resolve({ code: event.code, reason: event.reason });
      },
    });
  });
  return { client, closed, isClosed: () => done };
}

async function sendFriendRequest(from: TestUser, to: TestUser): Promise<void> {
  const res = await gql(
    stack,
    'mutation($u: ID!) { sendFriendRequest(userId: $u) { userErrors { message } } }',
    { u: to.id },
    { token: from.token },
  );
  expect(res.data.sendFriendRequest.userErrors).toEqual([]);
}

describe('access tokens on graphql-ws', () => {
  it('a SUBSCRIBE + READ token hears the owner’s notifications', async () => {
    const [alice, bob] = [await signUp(stack), await signUp(stack)];
    const token = await createToken(stack, alice, ['READ', 'SUBSCRIBE']);
    const socket = openSocket(token.secret);
    const notifications = subscribe(socket.client, NOTIFICATION);
    await settle();
    await sendFriendRequest(bob, alice);
    expect((await notifications.next(5000)).data).toMatchObject({ notificationAdded: { type: 'FRIEND_REQUEST', actor: { id: bob.id } } });
    await socket.client.dispose();
  });

  it('a token without SUBSCRIBE is refused at connection (4403)', async () => {
    const alice = await signUp(stack);
    const token = await createToken(stack, alice, ['READ', 'WRITE_POSTS']);
    const socket = openSocket(token.secret);
    expect(await socket.closed).toEqual({ code: 4403, reason: 'This access token lacks the SUBSCRIBE scope.' });
  });

  it('queries over the socket need READ, as on HTTP', async () => {
    const alice = await signUp(stack);
    const token = await createToken(stack, alice, ['SUBSCRIBE', 'CALLS']);
    const socket = openSocket(token.secret);
    const me = subscribe(socket.client, '{ me { id } }');
    await expect(me.next(5000)).rejects.toThrow(/This access token lacks the READ scope\..*FORBIDDEN/);
    expect(socket.isClosed()).toBe(false);
    await socket.client.dispose();
  });

  it('each subscription needs its own scope too (calls need CALLS)', async () => {
    const alice = await signUp(stack);
    const token = await createToken(stack, alice, ['READ', 'SUBSCRIBE']);
    const socket = openSocket(token.secret);
    const incoming = subscribe(socket.client, 'subscription { incomingCall { id } }');
    const refused = await incoming.next(5000);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'This access token lacks the CALLS scope.',
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
    expect(socket.isClosed()).toBe(false);
    await socket.client.dispose();
  });

  it('revoking closes the token’s open socket at once (4401) and its next HTTP request is UNAUTHENTICATED', async () => {
    const [alice, bob] = [await signUp(stack), await signUp(stack)];
    const token = await createToken(stack, alice, ['READ', 'SUBSCRIBE']);
    const other = await createToken(stack, alice, ['READ', 'SUBSCRIBE']);
    const socket = openSocket(token.secret);
    const notifications = subscribe(socket.client, NOTIFICATION);
    const otherSocket = openSocket(other.secret);
    const otherNotifications = subscribe(otherSocket.client, NOTIFICATION);
    await settle();

    const revoked = await gql(stack, REVOKE, { id: token.id }, { token: alice.token });
    expect(revoked.data.revokeAccessToken.userErrors).toEqual([]);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'This access token was revoked.' });
    const http = await gql(stack, '{ me { id } }', {}, { token: token.secret });
    expect(http.status).toBe(401);

    // The user's other token keeps its socket and its events; the revoked one heard nothing.
    await sendFriendRequest(bob, alice);
    expect((await otherNotifications.next(5000)).data).toMatchObject({ notificationAdded: { actor: { id: bob.id } } });
    expect(notifications.events.filter((e) => e.data)).toEqual([]);
    expect(otherSocket.isClosed()).toBe(false);
    await otherSocket.client.dispose();
  });

  it('closes the socket when the token expires, and refuses to reconnect with it', async () => {
    const alice = await signUp(stack);
    const token = await createToken(stack, alice, ['READ', 'SUBSCRIBE'], { expiresAt: new Date(Date.now() + 2000) });
    const socket = openSocket(token.secret);
    subscribe(socket.client, NOTIFICATION);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'This access token has expired.' });
    const again = openSocket(token.secret);
    expect(await again.closed).toEqual({ code: 4401, reason: 'This access token has expired.' });
  });

  it('a suspension closes the user’s token sockets too, and the token stops working', async () => {
    const [alice, admin] = [await signUp(stack), await signUp(stack)];
    await seedAdmin(stack, admin);
    const token = await createToken(stack, alice, ['READ', 'SUBSCRIBE']);
    const socket = openSocket(token.secret);
    subscribe(socket.client, NOTIFICATION);
    await settle();
    const res = await gql(
      stack,
      'mutation($id: ID!) { suspendUser(userId: $id, reason: "spam") { userErrors { message } } }',
      { id: alice.id },
      { token: admin.token },
    );
    expect(res.data.suspendUser.userErrors).toEqual([]);
    expect((await socket.closed).code).toBe(4401);
    expect((await gql(stack, '{ me { id } }', {}, { token: token.secret })).status).toBe(401);
  });
});

describe('access tokens on POST /media', () => {
  it('uploads with WRITE_POSTS; FORBIDDEN without it; UNAUTHENTICATED once revoked', async () => {
    const alice = await signUp(stack);
    const writer = await createToken(stack, alice, ['WRITE_POSTS']);
    const reader = await createToken(stack, alice, ['READ', 'SUBSCRIBE', 'CALLS', 'WRITE_SOCIAL']);
    const image = await jpeg();

    const ok = await upload(stack, writer.secret, image);
    expect(ok.status).toBe(201);
    expect(ok.body.id).toBeTruthy();

    const refused = await upload(stack, reader.secret, image);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: 'This access token lacks the WRITE_POSTS scope.' });

    await gql(stack, REVOKE, { id: writer.id }, { token: alice.token });
    const revoked = await upload(stack, writer.secret, image);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
