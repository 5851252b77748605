import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUp } from '../api/src/test/client';
import { graphiqlEditor, newAccount, newAppContext, signInThroughUi, signOutThroughUi, signUpThroughUi, watchErrors } from './lib/app';
import { useBrowserSuite } from './lib/suite';

// The accounts UI against the real API and the built client (run `npm run build -w client` first).
const suite = useBrowserSuite();

const operationOf = (request: Request): string | null => {
  if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return null;
  return (request.postDataJSON() as { query?: string } | null)?.query?.match(/^\s*(?:query|mutation)\s+(\w+)/)?.[1] ?? null;
};

async function newPage(locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
  const context = await newAppContext(suite.browser, suite.stack.baseUrl, locale);
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

describe('accounts in the browser', () => {
  it('signs up, signs out, signs in, and stays signed in across reloads (in Korean)', async () => {
    const { page, errors } = await newPage('ko-KR');
    const taken = await signUp(suite.stack, {});
    const account = newAccount('박지훈');

    // Signed out: sent to sign in, in the browser's language.
    await page.goto('/people');
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('redirect') === '/people');
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.getByRole('heading', { name: '로그인' }).waitFor();

    // Each userError stands next to its field.
    await page.locator('section footer').getByRole('link', { name: '회원가입' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-up' && url.searchParams.get('redirect') === '/people');
    await page.locator('#username').fill(taken.username);
    await page.locator('#email').fill(account.email);
    await page.locator('#password').fill('short');
    await page.locator('[data-testid=sign-up-form] button[type=submit]').click();
    await expect.poll(() => page.locator('#password-error').textContent()).toContain('8~200자');
    expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#password').fill(account.password);
    await page.locator('[data-testid=sign-up-form] button[type=submit]').click();
    await expect.poll(() => page.locator('#username-error').textContent()).toContain('이미 사용 중인 사용자 이름');
    expect(await page.locator('#password-error').textContent()).toBe('');

    await page.locator('#username').fill(account.username);
    await page.locator('#displayName').fill('박지훈');
    await page.locator('[data-testid=sign-up-form] button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/people');
    await page.getByRole('link', { name: '홈' }).click();
    expect(await page.getByTestId('home-welcome').textContent()).toContain('박지훈');

    // The access token stays in memory; the refresh token is an httpOnly cookie.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ|token/i);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'pp_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/graphql' });

    await page.reload();
    expect(await page.getByTestId('home-welcome').textContent()).toContain('박지훈');

    await signOutThroughUi(page);
    await page.reload();
    await page.getByRole('heading', { name: '로그인' }).waitFor();
    await page.goto('/settings/profile');
    await page.waitForURL((url) => url.pathname === '/sign-in');

    // A wrong password is reported on the login field; the right one leads back to where the user was going.
    await page.locator('#login').fill(account.email);
    await page.locator('#password').fill('not the password');
    await page.locator('[data-testid=sign-in-form] button[type=submit]').click();
    await expect.poll(() => page.locator('#login-error').textContent()).toContain('올바르지 않습니다');
    await signInThroughUi(page, account.email, account.password);
    expect(new URL(page.url()).pathname).toBe('/settings/profile');
    await page.reload();
    await page.getByTestId('profile-form').waitFor();
    expect(errors).toEqual([]);
  });

  it('switches the language from the header and remembers the choice', async () => {
    const { page } = await newPage('en-US');
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel('Language').selectOption('ko');
    await page.getByRole('heading', { name: '로그인' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.reload();
    await page.getByRole('heading', { name: '로그인' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
  });

  it('edits the profile and changes the password', async () => {
    const { page, errors } = await newPage('en-US');
    const account = newAccount();
    await signUpThroughUi(page, account);

    await page.goto('/settings/profile');
    await page.locator('#displayName').fill('Mina Kim 김민아');
    await page.locator('#bio').fill('Hello!\n안녕하세요.');
    await page.locator('[data-testid=profile-form] button[type=submit]').click();
    await page.getByText('Profile saved.').waitFor();
    expect(await page.getByTestId('user-menu-button').getAttribute('aria-label')).toContain('Mina Kim 김민아');

    await page.goto(`/u/${account.username}`);
    expect(await page.getByTestId('profile-display-name').textContent()).toBe('Mina Kim 김민아');
    expect(await page.getByTestId('profile-username').textContent()).toBe(`@${account.username}`);
    expect(await page.getByTestId('profile-bio').textContent()).toBe('Hello!\n안녕하세요.');
    await page.getByTestId('profile-stats').waitFor();
    expect(await page.getByTestId('profile-stats').textContent()).toContain('Friends');

    await page.goto('/settings/profile');
    await page.locator('#currentPassword').fill('wrong password');
    await page.locator('#newPassword').fill('a new long password');
    await page.locator('[data-testid=password-form] button[type=submit]').click();
    await expect.poll(() => page.locator('#currentPassword-error').textContent()).toContain('wrong');
    await page.locator('#currentPassword').fill(account.password);
    await page.locator('[data-testid=password-form] button[type=submit]').click();
    await page.getByText('Password changed.').waitFor();

    await signOutThroughUi(page);
    await signInThroughUi(page, account.username, 'a new long password');
    expect(await page.getByTestId('home-welcome').textContent()).toContain('Mina Kim 김민아');
    expect(errors).toEqual([]);
  });

  it('finds people by a Korean display name, a page at a time', async () => {
    await signUp(suite.stack, { displayName: '김민준' });
    await Promise.all(Array.from({ length: 22 }, (_, i) => signUp(suite.stack, { displayName: `이서연 ${i + 1}` })));
    const { page, errors } = await newPage('ko-KR');
    await signUpThroughUi(page, newAccount());

    await page.getByRole('link', { name: '사람 찾기' }).first().click();
    await page.getByTestId('people-status').getByText('이름이나 사용자 이름을 입력해').waitFor();
    await page.getByTestId('people-search').fill('민준');
    await page.getByTestId('person').filter({ hasText: '김민준' }).waitFor();
    expect(await page.getByTestId('person').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('민준');

    await page.getByTestId('people-search').fill('이서연');
    await expect.poll(() => page.getByTestId('person').count()).toBe(20);
    expect(await page.getByTestId('people-status').textContent()).toContain('22명');
    await page.getByTestId('people-load-more').click();
    await expect.poll(() => page.getByTestId('person').count()).toBe(22);
    expect(await page.getByTestId('people-load-more').count()).toBe(0);

    await page.getByTestId('people-search').fill('아무도없음');
    await page.getByTestId('people-empty').waitFor();

    await page.getByTestId('people-search').fill('김민준');
    await page.getByTestId('person').filter({ hasText: '김민준' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/u/'));
    expect(await page.getByTestId('profile-display-name').textContent()).toBe('김민준');
    expect(errors).toEqual([]);
  });

  it('shares one session between tabs without ever reusing a refresh token', async () => {
    const context = await newAppContext(suite.browser, suite.stack.baseUrl);
    const first = await context.newPage();
    const account = newAccount('Tab Owner');
    await signUpThroughUi(first, account);

    // Three tabs restore the session at once: each refresh runs under the Web Lock.
    const tabs = await Promise.all([1, 2, 3].map(() => context.newPage()));
    await Promise.all(tabs.map((tab) => tab.goto('/')));
    for (const tab of tabs) expect(await tab.getByTestId('home-welcome').textContent()).toContain('Tab Owner');
    // Had two tabs spent the same refresh token, the server would have ended the session.
    await Promise.all([first, ...tabs].map((tab) => tab.reload()));
    for (const tab of [first, ...tabs]) await tab.getByTestId('home-welcome').waitFor();

    // Signing out in one tab signs out all of them.
    await signOutThroughUi(first);
    for (const tab of tabs) await tab.waitForURL((url) => url.pathname === '/sign-in');

    // Signing in in one tab brings the others along.
    await signInThroughUi(first, account.username, account.password);
    for (const tab of tabs) await tab.getByTestId('home-welcome').waitFor();
    await context.close();
  });

  it('refreshes a refused access token once and retries the request', async () => {
    const { page, errors } = await newPage('en-US');
    const account = newAccount('Refresh Me');
    await signUpThroughUi(page, account);

    const seen: { operation: string; authorization?: string }[] = [];
    page.on('request', (request) => {
      const operation = operationOf(request);
      if (operation) seen.push({ operation, authorization: request.headers().authorization });
    });
    let refused = 0;
    await page.route('**/graphql', async (route) => {
      if (operationOf(route.request()) === 'UserProfile' && refused++ === 0) {
        return route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [{ message: 'The access token has expired: refresh the session.', extensions: { code: 'UNAUTHENTICATED' } }],
          }),
        });
      }
      return route.continue();
    });

    await page.getByTestId('user-menu-button').click();
    await page.getByRole('link', { name: 'My profile' }).click();
    expect(await page.getByTestId('profile-display-name').textContent()).toBe('Refresh Me');
    const profileRequests = seen.filter((s) => s.operation === 'UserProfile');
    expect(profileRequests).toHaveLength(2);
    expect(profileRequests.every((r) => r.authorization?.startsWith('Bearer '))).toBe(true);
    expect(seen.filter((s) => s.operation === 'RefreshSession')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('serves GraphiQL at /graphql, which runs { me { id } }', async () => {
    const user = await signUp(suite.stack, {});
    const { page } = await newPage('en-US');
    await page.goto('/graphql');
    const query = graphiqlEditor(page, '.graphiql-query-editor .CodeMirror');
    const response = graphiqlEditor(page, '.graphiql-response .CodeMirror');
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await query.set('{ me { id } }');
    await page.locator('button.graphiql-execute-button').click();
    await expect.poll(response.get).toContain('"me": null');

    await page.getByRole('button', { name: 'Headers' }).click();
    await graphiqlEditor(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').set(
      JSON.stringify({ Authorization: `Bearer ${user.token}` }),
    );
    await page.locator('button.graphiql-execute-button').click();
    await expect.poll(response.get).toContain(user.id);
  });
});
