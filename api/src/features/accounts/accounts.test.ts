import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/tokens.js';
import { gql, signUp } from '../../test/client.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) {
  accessToken refreshToken expiresAt user { id username displayName email } userErrors { field message code } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } userErrors { field message code } } }`;
const REFRESH = `mutation($t: String) { refreshSession(refreshToken: $t) { accessToken refreshToken userErrors { field code message } } }`;

const register = (input: Record<string, unknown>) => gql(stack, REGISTER, { input: { password: 'long enough pw', ...input } });

describe('register', () => {
  it('creates an account, signs in, and defaults the display name to the username', async () => {
    const res = await register({ username: 'Mina_01', email: 'Mina@Example.com' });
    const payload = res.data.register;
    expect(payload.userErrors).toEqual([]);
    expect(payload.user).toMatchObject({ username: 'mina_01', displayName: 'mina_01', email: 'mina@example.com' });
    expect(payload.accessToken).toMatch(/^ey/);
    expect(new Date(payload.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(res.headers.get('set-cookie')).toMatch(/pp_refresh=.+HttpOnly; SameSite=Strict/);
    const me = await gql(stack, '{ me { id username } }', {}, { token: payload.accessToken });
    expect(me.data.me).toEqual({ id: payload.user.id, username: 'mina_01' });
  });

  it.each([
    [{ username: 'ab', email: 'a@b.co' }, 'username', 'INVALID'],
    [{ username: 'x'.repeat(31), email: 'a@b.co' }, 'username', 'INVALID'],
    [{ username: 'has space', email: 'a@b.co' }, 'username', 'INVALID'],
    [{ username: '', email: 'a@b.co' }, 'username', 'INVALID'],
    [{ username: 'valid_name', email: 'not-an-email' }, 'email', 'INVALID'],
    [{ username: 'valid_name', email: 'a@b.co', password: 'short' }, 'password', 'INVALID'],
    [{ username: 'valid_name', email: 'a@b.co', displayName: 'd'.repeat(51) }, 'displayName', 'INVALID'],
  ])('rejects %j on %s', async (input, field, code) => {
    const res = await register(input);
    expect(res.status).toBe(200);
    expect(res.data.register.accessToken).toBeNull();
    expect(res.data.register.userErrors).toContainEqual(expect.objectContaining({ field: ['input', field], code }));
  });

  it('treats usernames and e-mails that differ only in case as taken', async () => {
    await register({ username: 'sora', email: 'sora@example.com' });
    const sameName = await register({ username: 'SORA', email: 'other@example.com' });
    expect(sameName.data.register.userErrors).toEqual([expect.objectContaining({ field: ['input', 'username'], code: 'CONFLICT' })]);
    const sameMail = await register({ username: 'sora2', email: 'SORA@example.com' });
    expect(sameMail.data.register.userErrors).toEqual([expect.objectContaining({ field: ['input', 'email'], code: 'CONFLICT' })]);
    const count = await stack.orm.em.fork().getConnection().execute(`select count(*)::int n from users where lower(username) like 'sora%'`);
    expect(count[0].n).toBe(1);
  });
});

describe('login and sessions', () => {
  it('signs in by username or e-mail, with one message for a wrong user or a wrong password', async () => {
    await register({ username: 'jun', email: 'jun@example.com' });
    expect((await gql(stack, LOGIN, { input: { login: 'JUN', password: 'long enough pw' } })).data.login.accessToken).toBeTruthy();
    expect(
      (await gql(stack, LOGIN, { input: { login: 'jun@example.com', password: 'long enough pw' } })).data.login.accessToken,
    ).toBeTruthy();
    const wrongPw = (await gql(stack, LOGIN, { input: { login: 'jun', password: 'nope nope nope' } })).data.login;
    const noUser = (await gql(stack, LOGIN, { input: { login: 'nobody_here', password: 'nope nope nope' } })).data.login;
    expect(wrongPw.accessToken).toBeNull();
    expect(wrongPw.userErrors[0].message).toBe(noUser.userErrors[0].message);
  });

  it('rate-limits an account after 10 failures, even with the right password', async () => {
    const user = await signUp(stack, { password: 'right password' });
    for (let i = 0; i < 10; i++) await gql(stack, LOGIN, { input: { login: user.username, password: `wrong ${i} pass` } });
    const res = await gql(stack, LOGIN, { input: { login: user.username, password: 'right password' } });
    expect(res.data.login.accessToken).toBeNull();
    expect(res.data.login.userErrors[0].code).toBe('RATE_LIMITED');
  });

  it('rotates refresh tokens and revokes the whole session when a rotated one is reused', async () => {
    const user = await signUp(stack);
    const first = (await gql(stack, REFRESH, { t: user.refreshToken })).data.refreshSession;
    expect(first.userErrors).toEqual([]);
    expect(first.refreshToken).not.toBe(user.refreshToken);
    const reuse = (await gql(stack, REFRESH, { t: user.refreshToken })).data.refreshSession;
    expect(reuse.accessToken).toBeNull();
    expect(reuse.userErrors[0].code).toBe('INVALID');
    // The thief's reuse ended the session: the legitimate newer token is dead too.
    const after = (await gql(stack, REFRESH, { t: first.refreshToken })).data.refreshSession;
    expect(after.accessToken).toBeNull();
    const me = await gql(stack, '{ me { id } }', {}, { token: first.accessToken });
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired refresh token', async () => {
    const user = await signUp(stack);
    await stack.orm.em
      .fork()
      .getConnection()
      .execute(`update refresh_tokens set expires_at = now() - interval '1 minute' where hash = ?`, [sha256(user.refreshToken)]);
    const res = (await gql(stack, REFRESH, { t: user.refreshToken })).data.refreshSession;
    expect(res.accessToken).toBeNull();
    expect(res.userErrors[0]).toMatchObject({ field: ['refreshToken'], code: 'INVALID' });
  });

  it('refreshes from the httpOnly cookie, and logout ends the session', async () => {
    const res = await register({ username: 'cookie_user', email: 'cookie@example.com' });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const refreshed = await gql(stack, REFRESH, {}, { cookie });
    expect(refreshed.data.refreshSession.accessToken).toBeTruthy();
    const newCookie = refreshed.headers.get('set-cookie')!.split(';')[0];
    const token = refreshed.data.refreshSession.accessToken;
    expect((await gql(stack, 'mutation { logout }', {}, { token, cookie: newCookie })).data.logout).toBe(true);
    expect((await gql(stack, '{ me { id } }', {}, { token })).status).toBe(401);
    expect((await gql(stack, REFRESH, {}, { cookie: newCookie })).data.refreshSession.accessToken).toBeNull();
  });

  it('refuses a forged or malformed token on HTTP with 401', async () => {
    const user = await signUp(stack);
    const forged = user.token.slice(0, -4) + 'AAAA';
    const res = await gql(stack, '{ me { id } }', {}, { token: forged });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
