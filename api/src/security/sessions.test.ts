import { decodeJwt } from 'jose';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, settle, signUp, subscribe, wsClient, type TestUser } from '../test/client.js';
import { startTestStack, type TestStack } from '../test/stack.js';
import { TokenSigner } from '../lib/tokens.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const ENDED = 'This session has ended: sign in again.';
const EXPIRED = 'The access token has expired: reconnect with a fresh one.';
const PASSWORD = 'correct horse battery';
const NOTIFICATION = 'subscription { notificationAdded { id type actor { id } } }';

interface Socket {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
  notifications: ReturnType<typeof subscribe>;
}

/** A signed-in socket listening for the user's notifications. */
async function openSocket(token: string): Promise<Socket> {
  let done = false;
  let client!: Client;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    client = wsClient(stack, token, {
      onClose: (event) => {
        done = true;
        resolve({ code: event.code, reason: event.reason });
      },
    });
  });
  const notifications = subscribe(client, NOTIFICATION);
  await settle();
  return { client, closed, isClosed: () => done, notifications };
}

/** A second session of the same user (another device). */
async function signInAgain(user: TestUser): Promise<{ token: string; refreshToken: string }> {
  const res = await gql(
    stack,
    'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken userErrors { message } } }',
    { input: { login: user.username, password: PASSWORD } },
  );
  const payload = res.data?.login;
  if (!payload?.accessToken) throw new Error(`login failed: ${JSON.stringify(res.errors ?? payload?.userErrors)}`);
  return { token: payload.accessToken, refreshToken: payload.refreshToken };
}

/** `from` sends `to` a friend request: `to` gets a notification. */
async function notify(from: TestUser, to: TestUser): Promise<void> {
  const res = await gql(
    stack,
    'mutation($u: ID!) { sendFriendRequest(userId: $u) { userErrors { message } } }',
    { u: to.id },
    { token: from.token },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.sendFriendRequest.userErrors).toEqual([]);
}

/** Runs `{ me { id } }` on the socket: the id, or the error it ended with. */
function meOver(client: Client): Promise<{ id?: string; error?: unknown }> {
  return new Promise((resolve) => {
    client.subscribe<{ me: { id: string } | null }>(
      { query: '{ me { id } }' },
      {
        next: (value) => resolve(value.data?.me ? { id: value.data.me.id } : { error: value.errors }),
        error: (error) => resolve({ error }),
        complete: () => resolve({ error: 'completed without an answer' }),
      },
    );
  });
}

async function expectClosedWith(socket: Socket, reason: string, code = 4401): Promise<void> {
  const event = await socket.closed;
  expect(event).toEqual({ code, reason });
  const after = await meOver(socket.client);
  expect(after.id).toBeUndefined();
}

describe('sessions end on open sockets', () => {
  it('logout closes that session’s socket with 4401; the other device keeps its socket and notifications', async () => {
    const user = await signUp(stack, { password: PASSWORD });
    const other = await signUp(stack);
    const second = await signInAgain(user);
    const here = await openSocket(user.token);
    const there = await openSocket(second.token);

    const out = await gql(stack, 'mutation { logout }', {}, { token: user.token });
    expect(out.data.logout).toBe(true);
    await expectClosedWith(here, ENDED);

    await notify(other, user);
    expect((await there.notifications.next(5000)).data).toMatchObject({
      notificationAdded: { type: 'FRIEND_REQUEST', actor: { id: other.id } },
    });
    expect(here.notifications.events.filter((e) => e.data)).toEqual([]);
    expect((await meOver(there.client)).id).toBe(user.id);
    expect(there.isClosed()).toBe(false);
    await there.client.dispose();
  });

  it('a password change closes every other session’s socket; the changing session keeps working', async () => {
    const user = await signUp(stack, { password: PASSWORD });
    const other = await signUp(stack);
    const second = await signInAgain(user);
    const changer = await openSocket(user.token);
    const elsewhere = await openSocket(second.token);

    const res = await gql(
      stack,
      'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { userErrors { message } } }',
      { input: { currentPassword: PASSWORD, newPassword: 'another horse battery' } },
      { token: user.token },
    );
    expect(res.data.updateProfile.userErrors).toEqual([]);
    await expectClosedWith(elsewhere, ENDED);

    await notify(other, user);
    expect((await changer.notifications.next(5000)).data).toMatchObject({ notificationAdded: { actor: { id: other.id } } });
    expect(elsewhere.notifications.events.filter((e) => e.data)).toEqual([]);
    expect(changer.isClosed()).toBe(false);
    await changer.client.dispose();
  });

  it('a reused refresh token closes the sockets of the whole session', async () => {
    const user = await signUp(stack, { password: PASSWORD });
    const other = await signUp(stack);
    const second = await signInAgain(user);
    const stolen = await openSocket(user.token);
    const elsewhere = await openSocket(second.token);

    const refresh = 'mutation($t: String) { refreshSession(refreshToken: $t) { accessToken userErrors { message } } }';
    expect((await gql(stack, refresh, { t: user.refreshToken })).data.refreshSession.accessToken).toBeTruthy();
    const reused = await gql(stack, refresh, { t: user.refreshToken });
    expect(reused.data?.refreshSession?.accessToken ?? null).toBeNull();
    await expectClosedWith(stolen, ENDED);

    await notify(other, user);
    expect((await elsewhere.notifications.next(5000)).data).toMatchObject({ notificationAdded: { actor: { id: other.id } } });
    expect(stolen.notifications.events.filter((e) => e.data)).toEqual([]);
    await elsewhere.client.dispose();
  });

  it('closes the socket with 4403 (reconnect with a fresh token) when its access token expires, and delivers nothing after', async () => {
    const user = await signUp(stack, { password: PASSWORD });
    const other = await signUp(stack);
    const { sub, sid } = decodeJwt(user.token) as { sub: string; sid: string };
    const { token } = await new TokenSigner(stack.config.jwtSecret, 5).sign({ userId: sub, sessionId: sid });
    const short = await openSocket(token);
    expect((await meOver(short.client)).id).toBe(user.id);

    await expectClosedWith(short, EXPIRED, 4403);
    await notify(other, user);
    // The same user's socket with a live token hears of it; the expired one heard nothing.
    const live = await openSocket(user.token);
    await notify(await signUp(stack), user);
    expect((await live.notifications.next(5000)).data).toBeTruthy();
    expect(short.notifications.events.filter((e) => e.data)).toEqual([]);
    await live.client.dispose();
  });

  it('checks the session on every operation, even when no revocation event reached this instance', async () => {
    const user = await signUp(stack, { password: PASSWORD });
    const socket = await openSocket(user.token);
    expect((await meOver(socket.client)).id).toBe(user.id);
    const { sid } = decodeJwt(user.token) as { sid: string };
    // As if another API instance ended the session and its event was lost.
    await stack.orm.em.fork().getConnection().execute('update sessions set revoked_at = now() where id = ?', [sid]);

    const after = await meOver(socket.client);
    expect(after.id).toBeUndefined();
    expect(await socket.closed).toEqual({ code: 4401, reason: ENDED });
  });
});
