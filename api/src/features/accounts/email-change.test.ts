import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../../test/client.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';
import { startTestStack, type TestStack } from '../../test/stack.js';

// Changing the e-mail address: a link to the new address, the change only when it is opened, a notice to the old one.
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
const CHANGE = `mutation($input: RequestEmailChangeInput!) { requestEmailChange(input: $input) { sent userErrors { field code message } } }`;
const VERIFY = `mutation($input: VerifyEmailInput!) { verifyEmail(input: $input) { user { id } userErrors { field code message } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }`;
const PASSWORD = 'correct horse battery';

const mailOf = (user: TestUser) => `${user.username}@example.com`;
const me = async (user: TestUser) => (await gql(stack, ME, {}, { token: user.token })).data.me;
const change = async (user: TestUser, newEmail: string, currentPassword = PASSWORD) =>
  (await gql(stack, CHANGE, { input: { newEmail, currentPassword } }, { token: user.token })).data.requestEmailChange;

async function newUser(): Promise<TestUser> {
  const user = await signUp(stack);
  await smtp.nextMailTo(mailOf(user)); // the sign-up verification
  return user;
}

describe('changing the e-mail address', () => {
  it('sends a link to the new address, changes it only when the link is used, and tells the old address', async () => {
    const user = await newUser();
    const newEmail = `new.${user.username}@example.org`;
    expect(await change(user, ` ${newEmail.toUpperCase()} `)).toEqual({ sent: true, userErrors: [] });
    const mail = await smtp.nextMailTo(newEmail);
    expect(mail.subject).toMatch(/Confirm your new e-mail address/);
    // Nothing changed yet.
    expect(await me(user)).toMatchObject({ email: mailOf(user) });

    const token = smtp.linkIn(mail, '/verify-email').searchParams.get('token');
    const opened = await gql(stack, VERIFY, { input: { token } });
    expect(opened.data.verifyEmail).toEqual({ user: { id: user.id }, userErrors: [] });
    expect(await me(user)).toEqual({ id: user.id, email: newEmail, emailVerified: true });
    const notice = await smtp.nextMailTo(mailOf(user));
    expect(notice.subject).toMatch(/Your e-mail address was changed/);
    expect(notice.text).toContain(newEmail);

    // The link works once; signing in with the new address works.
    expect((await gql(stack, VERIFY, { input: { token } })).data.verifyEmail.userErrors[0]).toMatchObject({ code: 'INVALID' });
    const login = await gql(stack, LOGIN, { input: { login: newEmail, password: PASSWORD } });
    expect(login.data.login.accessToken).toBeTruthy();
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
    const firstToken = smtp.linkIn(await smtp.nextMailTo(`first.${user.username}@example.org`), '/verify-email').searchParams.get('token');
    const wanted = `second.${user.username}@example.org`;
    await change(user, wanted);
    const secondToken = smtp.linkIn(await smtp.nextMailTo(wanted), '/verify-email').searchParams.get('token');
    expect((await gql(stack, VERIFY, { input: { token: firstToken } })).data.verifyEmail.userErrors[0].code).toBe('INVALID');

    // The rival takes the address first.
    await change(rival, wanted);
    const rivalToken = smtp.linkIn(await smtp.nextMailTo(wanted), '/verify-email').searchParams.get('token');
    expect((await gql(stack, VERIFY, { input: { token: rivalToken } })).data.verifyEmail.userErrors).toEqual([]);
    expect((await gql(stack, VERIFY, { input: { token: secondToken } })).data.verifyEmail.userErrors[0].code).toBe('CONFLICT');
    expect(await me(user)).toMatchObject({ email: mailOf(user) });
  });
});
