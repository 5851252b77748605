import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../kernel/ids.js';
import { gql, signUp, type TestUser } from '../test/client.js';
import { startTestStack, type TestStack } from '../test/stack.js';
import { JOIN, createRoom, livekit } from '../features/facechat/facechat.testkit.js';
import { jpeg, upload } from '../features/media/media.testkit.js';
import { createPost } from '../features/posts/posts.testkit.js';

/** Small limits so each one is reached in a few requests (the test stack's defaults are out of the way). */
const LIMITS = {
  RATE_LIMIT_REGISTER: '3/3600',
  RATE_LIMIT_LOGIN_ACCOUNT_CLIENT: '10/900',
  RATE_LIMIT_LOGIN_CLIENT: '1000/900',
  RATE_LIMIT_LOGIN_ACCOUNT: '1000/900',
  RATE_LIMIT_FRIEND_REQUESTS: '3/3600',
  RATE_LIMIT_CHAT_MESSAGES: '3/600',
  RATE_LIMIT_COMMENTS: '3/600',
  RATE_LIMIT_UPLOADS_USER: '3/600',
  RATE_LIMIT_UPLOADS_CLIENT: '5/600',
};

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(LIMITS);
});
afterAll(async () => {
  await stack?.stop();
});

// The app trusts X-Forwarded-For from loopback (`trust proxy: loopback`): each test user gets its own address.
let lastOctet = 0;
const newIp = () => `10.0.${Math.floor(++lastOctet / 250)}.${(lastOctet % 250) + 1}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const user = (fields: Parameters<typeof signUp>[1] = {}) => signUp(stack, fields, from(newIp()));
const raw = (u: TestUser) => fromGlobalId(u.id, 'User')!;
const count = async (sql: string, params: unknown[]) =>
  Number((await stack.orm.em.fork().getConnection().execute<{ n: string }[]>(sql, params))[0]!.n);

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { code field retryAfterSeconds } } }`;
const login = (ip: string, name: string, password: string) =>
  gql(stack, LOGIN, { input: { login: name, password } }, { headers: from(ip) });

function expectRateLimited(error: { code: string; retryAfterSeconds: number | null } | undefined, maxSeconds: number) {
  expect(error?.code).toBe('RATE_LIMITED');
  expect(error?.retryAfterSeconds).toBeGreaterThan(0);
  expect(error?.retryAfterSeconds).toBeLessThanOrEqual(maxSeconds);
}

describe('sign-in failures', () => {
  it('60 parallel wrong passwords: at most 10 are checked, the rest and then the right password from that client are refused; another client still gets in', async () => {
    const owner = await user({ password: 'the right password' });
    const attacker = newIp();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login(attacker, owner.username, `wrong guess ${i}`)));
    const errors = answers.map((a) => a.data.login.userErrors[0]);
    // A checked password answers INVALID; everything beyond the limit is refused before the check.
    expect(errors.filter((e) => e.code === 'INVALID')).toHaveLength(10);
    const refused = errors.filter((e) => e.code === 'RATE_LIMITED');
    expect(refused).toHaveLength(50);
    for (const e of refused) expectRateLimited(e, 900);

    const sameClient = (await login(attacker, owner.username, 'the right password')).data.login;
    expect(sameClient.accessToken).toBeNull();
    expectRateLimited(sameClient.userErrors[0], 900);

    // The owner, elsewhere, is not locked out.
    const owners = (await login(newIp(), owner.username, 'the right password')).data.login;
    expect(owners.userErrors).toEqual([]);
    expect(owners.accessToken).toBeTruthy();
  });

  it('a right password does not count as a failure', async () => {
    const owner = await user({ password: 'the right password' });
    const ip = newIp();
    for (let i = 0; i < 9; i++) await login(ip, owner.username, `wrong guess ${i}`);
    for (let i = 0; i < 3; i++) expect((await login(ip, owner.username, 'the right password')).data.login.accessToken).toBeTruthy();
    expect((await login(ip, owner.username, 'wrong again')).data.login.userErrors[0].code).toBe('INVALID');
    expect((await login(ip, owner.username, 'the right password')).data.login.userErrors[0].code).toBe('RATE_LIMITED');
  });
});

describe('limits on creating things', () => {
  it('registration: 3 accounts per client address, then RATE_LIMITED with retry-after and no account stored', async () => {
    const ip = newIp();
    const prefix = `rl${process.pid}_${Date.now() % 100000}`;
    for (let i = 0; i < 3; i++) await signUp(stack, { username: `${prefix}_${i}` }, from(ip));
    const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken userErrors { code retryAfterSeconds } } }`;
    const input = { username: `${prefix}_x`, email: `${prefix}_x@example.com`, password: 'long enough pw' };
    const refused = (await gql(stack, REGISTER, { input }, { headers: from(ip) })).data.register;
    expect(refused.accessToken).toBeNull();
    expectRateLimited(refused.userErrors[0], 3600);
    expect(await count('select count(*) as n from users where username like ?', [`${prefix}%`])).toBe(3);
    // Another address may still sign up.
    expect((await gql(stack, REGISTER, { input }, { headers: from(newIp()) })).data.register.accessToken).toBeTruthy();
  });

  it('friend requests: 3 per user, then RATE_LIMITED with retry-after and no request stored', async () => {
    const sender = await user();
    const targets = await Promise.all(Array.from({ length: 4 }, () => user()));
    const SEND = `mutation($id: ID!) { sendFriendRequest(userId: $id) { friendRequest { id } userErrors { code retryAfterSeconds } } }`;
    const send = (t: TestUser) => gql(stack, SEND, { id: t.id }, { token: sender.token });
    for (const t of targets.slice(0, 3)) expect((await send(t)).data.sendFriendRequest.userErrors).toEqual([]);
    const refused = (await send(targets[3]!)).data.sendFriendRequest;
    expect(refused.friendRequest).toBeNull();
    expectRateLimited(refused.userErrors[0], 3600);
    expect(await count('select count(*) as n from friend_requests where from_id = ?', [raw(sender)])).toBe(3);
  });

  it('comments: 3 per user, then RATE_LIMITED with retry-after and no comment stored', async () => {
    const author = await user();
    const post = await createPost(stack, author);
    const ADD = `mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } userErrors { code retryAfterSeconds } } }`;
    const add = (body: string) => gql(stack, ADD, { input: { postId: post.id, body } }, { token: author.token });
    for (let i = 0; i < 3; i++) expect((await add(`comment ${i}`)).data.addComment.userErrors).toEqual([]);
    const refused = (await add('one too many')).data.addComment;
    expect(refused.comment).toBeNull();
    expectRateLimited(refused.userErrors[0], 600);
    expect(await count('select count(*) as n from comments where author_id = ?', [raw(author)])).toBe(3);
  });

  it('uploads: 3 per user (429 + Retry-After, nothing stored) and 5 per client address', async () => {
    const ip = newIp();
    const image = await jpeg();
    const [a, b] = [await user(), await user()];
    const send = (u: TestUser) => upload(stack, u.token, image, {}, 'photo.jpg', 'image/jpeg', from(ip));
    for (let i = 0; i < 3; i++) expect((await send(a)).status).toBe(201);
    const refused = await send(a);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', field: null });
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(0);
    // The same answer carries a Retry-After header.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'photo.jpg');
    const again = await fetch(`${stack.baseUrl}/media`, {
      method: 'POST',
      headers: { ...from(ip), authorization: `Bearer ${a.token}` },
      body: form,
    });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBe(((await again.json()) as { retryAfterSeconds: number }).retryAfterSeconds);
    expect(await count('select count(*) as n from media where owner_id = ?', [raw(a)])).toBe(3);
    // The same address with another account: 5 counted so far (3 stored + 2 refused), so the address is at its limit too.
    expect((await send(b)).status).toBe(429);
    expect((await upload(stack, b.token, image, {}, 'photo.jpg', 'image/jpeg', from(newIp()))).status).toBe(201);
    expect(await count('select count(*) as n from media where owner_id = ?', [raw(b)])).toBe(1);
  });

  describe.skipIf(!livekit)('with LiveKit', () => {
    it('chat messages: 3 per user, then RATE_LIMITED with retry-after and no message stored', async () => {
      const owner = await user();
      const room = await createRoom(stack, owner);
      await gql(stack, JOIN, { id: room.id }, { token: owner.token });
      const SEND = `mutation($id: ID!, $body: String!) { sendChatMessage(roomId: $id, body: $body) { message { id } userErrors { code retryAfterSeconds } } }`;
      const send = (body: string) => gql(stack, SEND, { id: room.id, body }, { token: owner.token });
      for (let i = 0; i < 3; i++) expect((await send(`hello ${i}`)).data.sendChatMessage.userErrors).toEqual([]);
      const refused = (await send('one too many')).data.sendChatMessage;
      expect(refused.message).toBeNull();
      expectRateLimited(refused.userErrors[0], 600);
      expect(await count("select count(*) as n from chat_messages where author_id = ? and kind = 'TEXT'", [raw(owner)])).toBe(3);
    });
  });
});
