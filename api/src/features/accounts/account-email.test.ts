import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

let stack: TestStack;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
  stack = await startTestStack({ SMTP_URL: smtp.url, MAIL_FROM: 'PP-ENTER <no-reply@pp-enter.test>' });
});
afterAll(async () => {
  await stack?.stop();
  await smtp?.stop();
});

const ME = '{ me { id email emailVerified } }';
const VERIFY = `mutation($input: VerifyEmailInput!) { verifyEmail(input: $input) { user { id } userErrors { field code message } } }`;
const RESEND = `mutation { resendVerificationEmail { sent userErrors { code } } }`;
const REQUEST_RESET = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { accepted userErrors { field code } } }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { passwordChanged userErrors { field code message } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }`;

const mailOf = (user: TestUser) => `${user.username}@example.com`;
const login = (user: TestUser, password: string, headers: Record<string, string> = {}) =>
  gql(stack, LOGIN, { input: { login: user.username, password } }, { headers });
const tokenIn = (link: URL) => link.searchParams.get('token')!;

/** Signs up and takes the verification mail off the server. */
async function newUser(): Promise<TestUser & { verifyLink: URL }> {
  const user = await signUp(stack);
  const mail = await smtp.nextMailTo(mailOf(user));
  return { ...user, verifyLink: smtp.linkIn(mail, '/verify-email') };
}

async function resetLink(user: TestUser): Promise<URL> {
  const res = await gql(stack, REQUEST_RESET, { input: { email: mailOf(user).toUpperCase() } });
  expect(res.data.requestPasswordReset).toEqual({ accepted: true, userErrors: [] });
  return smtp.linkIn(await smtp.nextMailTo(mailOf(user)), '/reset-password');
}

describe('verifying the e-mail address', () => {
  it('mails a link on sign-up that verifies the address once', async () => {
    const user = await signUp(stack);
    const mail = await smtp.nextMailTo(mailOf(user));
    expect(mail.from).toContain('no-reply@pp-enter.test');
    expect(mail.subject).toMatch(/Verify your e-mail/);
    expect(mail.text).toContain('이메일 주소 확인');
    expect(mail.html).toContain('href=');
    const link = smtp.linkIn(mail, '/verify-email');
    expect(link.origin).toBe(stack.baseUrl);

    expect((await gql(stack, ME, {}, { token: user.token })).data.me.emailVerified).toBe(false);
    const verified = await gql(stack, VERIFY, { input: { token: tokenIn(link) } });
    expect(verified.data.verifyEmail).toEqual({ user: { id: expect.any(String) }, userErrors: [] });
    expect((await gql(stack, ME, {}, { token: user.token })).data.me.emailVerified).toBe(true);

    const again = await gql(stack, VERIFY, { input: { token: tokenIn(link) } });
    expect(again.data.verifyEmail.userErrors).toEqual([expect.objectContaining({ field: ['input', 'token'], code: 'INVALID' })]);
  });

  it('re-sends a new link that replaces the old one, and others never see whether an address is verified', async () => {
    const user = await newUser();
    const other = await signUp(stack);
    const res = await gql(stack, RESEND, {}, { token: user.token });
    expect(res.data.resendVerificationEmail).toEqual({ sent: true, userErrors: [] });
    const fresh = smtp.linkIn(await smtp.nextMailTo(mailOf(user)), '/verify-email');
    expect((await gql(stack, VERIFY, { input: { token: tokenIn(user.verifyLink) } })).data.verifyEmail.userErrors[0].code).toBe('INVALID');
    expect((await gql(stack, VERIFY, { input: { token: tokenIn(fresh) } })).data.verifyEmail.userErrors).toEqual([]);
    const seen = await gql(
      stack,
      `query($id: ID!) { user(id: $id) { email emailVerified } }`,
      { id: (await gql(stack, ME, {}, { token: user.token })).data.me.id },
      { token: other.token },
    );
    expect(seen.data.user).toEqual({ email: null, emailVerified: null });
    const done = await gql(stack, RESEND, {}, { token: user.token });
    expect(done.data.resendVerificationEmail.userErrors[0].code).toBe('CONFLICT');
  });
});

describe('forgot password', () => {
  it('mails a 30-minute link that sets a new password once and signs out every session', async () => {
    const user = await newUser();
    const link = await resetLink(user);
    expect(link.origin).toBe(stack.baseUrl);

    const short = await gql(stack, RESET, { input: { token: tokenIn(link), newPassword: 'short' } });
    expect(short.data.resetPassword.userErrors).toEqual([expect.objectContaining({ field: ['input', 'newPassword'], code: 'INVALID' })]);

    const done = await gql(stack, RESET, { input: { token: tokenIn(link), newPassword: 'a brand new password' } });
    expect(done.data.resetPassword).toEqual({ passwordChanged: true, userErrors: [] });
    // The session from sign-up has ended; the old password no longer works, the new one does.
    expect((await gql(stack, ME, {}, { token: user.token })).status).toBe(401);
    expect((await login(user, 'correct horse battery')).data.login.accessToken).toBeNull();
    const signedIn = await login(user, 'a brand new password');
    expect(signedIn.data.login.accessToken).toBeTruthy();
    // The link proved the address.
    expect((await gql(stack, ME, {}, { token: signedIn.data.login.accessToken })).data.me.emailVerified).toBe(true);

    const reuse = await gql(stack, RESET, { input: { token: tokenIn(link), newPassword: 'yet another password' } });
    expect(reuse.data.resetPassword.userErrors).toEqual([expect.objectContaining({ field: ['input', 'token'], code: 'INVALID' })]);
    expect((await login(user, 'yet another password')).data.login.accessToken).toBeNull();
  });

  it('refuses expired, replaced and forged links', async () => {
    const user = await newUser();
    const first = await resetLink(user);
    const second = await resetLink(user);
    const refused = async (token: string) =>
      (await gql(stack, RESET, { input: { token, newPassword: 'a brand new password' } })).data.resetPassword.userErrors[0]?.code;
    expect(await refused(tokenIn(first))).toBe('INVALID');
    expect(await refused('forged-token-forged-token-forged-token')).toBe('INVALID');
    expect(await refused(tokenIn(user.verifyLink))).toBe('INVALID');
    await stack.orm.em
      .fork()
      .getConnection()
      .execute(`update account_tokens set expires_at = now() - interval '1 second' where purpose = 'RESET_PASSWORD'`);
    expect(await refused(tokenIn(second))).toBe('INVALID');
    expect((await login(user, 'correct horse battery')).data.login.accessToken).toBeTruthy();
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = smtp.received.length;
    const res = await gql(stack, REQUEST_RESET, { input: { email: 'nobody-here@example.com' } });
    expect(res.data.requestPasswordReset).toEqual({ accepted: true, userErrors: [] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.length).toBe(before);
    const malformed = await gql(stack, REQUEST_RESET, { input: { email: 'not an address' } });
    expect(malformed.data.requestPasswordReset.userErrors).toEqual([{ field: ['input', 'email'], code: 'INVALID' }]);
  });

  it('sends at most 3 reset mails an hour to one address, answering the same', async () => {
    const user = await newUser();
    for (let i = 0; i < 3; i++) await resetLink(user);
    const fourth = await gql(stack, REQUEST_RESET, { input: { email: mailOf(user) } });
    expect(fourth.data.requestPasswordReset).toEqual({ accepted: true, userErrors: [] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.pendingFor(mailOf(user))).toEqual([]);
  });
});

describe('new sign-in notice', () => {
  it('mails when the account signs in from a browser it never used, not from a known one', async () => {
    const user = await newUser();
    expect((await login(user, 'correct horse battery')).data.login.accessToken).toBeTruthy();
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
    await login(user, 'correct horse battery', { 'user-agent': firefox, 'x-forwarded-for': '203.0.113.77' });
    const mail = await smtp.nextMailTo(mailOf(user));
    expect(mail.subject).toMatch(/New sign-in to PP-ENTER/);
    expect(mail.text).toContain('Firefox / Windows');
    expect(smtp.linkIn(mail, '/settings/profile').origin).toBe(stack.baseUrl);
    await login(user, 'correct horse battery', { 'user-agent': firefox });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.pendingFor(mailOf(user))).toEqual([]);
  });
});

// Changing the e-mail address: a link to the new address, the change only when it is opened, a notice to the old one.
const CHANGE = `mutation($input: RequestEmailChangeInput!) { requestEmailChange(input: $input) { sent userErrors { field code message } } }`;
const PASSWORD = 'correct horse battery';

const me = async (user: TestUser) => (await gql(stack, ME, {}, { token: user.token })).data.me;
const change = async (user: TestUser, newEmail: string, currentPassword = PASSWORD) =>
  (await gql(stack, CHANGE, { input: { newEmail, currentPassword } }, { token: user.token })).data.requestEmailChange;

describe('changing the e-mail address', () => {
  it('sends a link to the new address, changes it only when the link is used, and tells the old address', async () => {
    const user = await newUser();
    const newEmail = `new.${user.username}@example.org`;
    expect(await change(user, ` ${newEmail.toUpperCase()} `)).toEqual({ sent: true, userErrors: [] });
    const mail = await smtp.nextMailTo(newEmail);
    expect(mail.subject).toMatch(/Confirm your new e-mail address/);
    // Nothing changed yet.
    expect(await me(user)).toMatchObject({ email: mailOf(user) });

    const token = tokenIn(smtp.linkIn(mail, '/verify-email'));
    const opened = await gql(stack, VERIFY, { input: { token } });
    expect(opened.data.verifyEmail).toEqual({ user: { id: user.id }, userErrors: [] });
    expect(await me(user)).toEqual({ id: user.id, email: newEmail, emailVerified: true });
    const notice = await smtp.nextMailTo(mailOf(user));
    expect(notice.subject).toMatch(/Your e-mail address was changed/);
    expect(notice.text).toContain(newEmail);

    // The link works once; signing in with the new address works.
    expect((await gql(stack, VERIFY, { input: { token } })).data.verifyEmail.userErrors[0]).toMatchObject({ code: 'INVALID' });
    const signedIn = await gql(stack, LOGIN, { input: { login: newEmail, password: PASSWORD } });
    expect(signedIn.data.login.accessToken).toBeTruthy();
  });

  it('refuses a wrong password, a bad or taken address, and signed-out callers, sending nothing', async () => {
    const [user, other] = [await newUser(), await newUser()];
    expect((await change(user, 'fresh@example.org', 'wrong password')).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'currentPassword'], code: 'INVALID' }),
    ]);
    expect((await change(user, 'not-an-address')).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'newEmail'], code: 'INVALID' }),
    ]);
    expect((await change(user, mailOf(other))).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'newEmail'], code: 'CONFLICT' }),
    ]);
    expect((await change(user, mailOf(user))).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'newEmail'], code: 'INVALID' }),
    ]);
    const signedOut = await gql(stack, CHANGE, { input: { newEmail: 'x@example.org', currentPassword: PASSWORD } });
    expect(signedOut.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(smtp.pendingFor('fresh@example.org')).toEqual([]);
    expect(await me(user)).toMatchObject({ email: mailOf(user) });
  });

  it('a newer request replaces the older link; an address taken meanwhile is refused when the link is opened', async () => {
    const [user, rival] = [await newUser(), await newUser()];
    await change(user, `first.${user.username}@example.org`);
    const firstToken = tokenIn(smtp.linkIn(await smtp.nextMailTo(`first.${user.username}@example.org`), '/verify-email'));
    const wanted = `second.${user.username}@example.org`;
    await change(user, wanted);
    const secondToken = tokenIn(smtp.linkIn(await smtp.nextMailTo(wanted), '/verify-email'));
    expect((await gql(stack, VERIFY, { input: { token: firstToken } })).data.verifyEmail.userErrors[0].code).toBe('INVALID');

    // The rival takes the address first.
    await change(rival, wanted);
    const rivalToken = tokenIn(smtp.linkIn(await smtp.nextMailTo(wanted), '/verify-email'));
    expect((await gql(stack, VERIFY, { input: { token: rivalToken } })).data.verifyEmail.userErrors).toEqual([]);
    expect((await gql(stack, VERIFY, { input: { token: secondToken } })).data.verifyEmail.userErrors[0].code).toBe('CONFLICT');
    expect(await me(user)).toMatchObject({ email: mailOf(user) });
  });
});
