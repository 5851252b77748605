import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signUp } from '../api/src/test/client';
import { startTestSmtp, type TestSmtp } from '../api/src/test/smtp';
import { newAppContext, signInThroughUi, watchErrors } from './lib/app';
import { PASSWORD, useBrowserSuite } from './lib/suite';

// E-mail flows and the landing page against the real API, the built client and a real SMTP server on loopback.
let smtp: TestSmtp;
const env: Record<string, string> = {};
beforeAll(async () => {
  smtp = await startTestSmtp();
  // Read by the suite's own beforeAll, which runs after this one.
  env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  await smtp?.stop();
});
const suite = useBrowserSuite({ env });

async function newPage(viewport?: { width: number; height: number }, locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
  const context = await newAppContext(suite.browser, suite.stack.baseUrl, locale);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  return { page, errors: watchErrors(page) };
}

/** The link's path and query: the page opens it on the stack it belongs to. */
const pathOf = (link: URL) => `${link.pathname}${link.search}`;

describe('forgot password', () => {
  it('mails a reset link that sets a new password, signs out the other sessions and works once', async () => {
    const user = await signUp(suite.stack);
    const email = `${user.username}@example.com`;
    const { page, errors } = await newPage();

    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL((url) => url.pathname === '/forgot-password');
    await page.locator('#email').fill(email);
    await page.locator('[data-testid=forgot-form] button[type=submit]').click();
    expect(await page.getByTestId('forgot-sent').textContent()).toContain(`If an account uses ${email}, we sent it a link`);

    const mail = await smtp.nextMailTo(email, { subject: /Reset your password/ });
    const link = smtp.linkIn(mail, '/reset-password');
    expect(link.origin).toBe(suite.stack.baseUrl);
    await page.goto(pathOf(link));
    await page.locator('#newPassword').fill('my new secret pw');
    await page.locator('#confirm').fill('my new secret pq');
    await page.locator('[data-testid=reset-form] button[type=submit]').click();
    await expect.poll(() => page.locator('[data-field-error=confirm]').textContent()).toContain('The two passwords are not the same.');
    await page.locator('#confirm').fill('my new secret pw');
    await page.locator('[data-testid=reset-form] button[type=submit]').click();
    expect(await page.getByTestId('reset-done').textContent()).toContain('Your password was changed');

    // The session the account had before is over; the new password signs in.
    expect((await gql(suite.stack, '{ me { id } }', {}, { token: user.token })).status).toBe(401);
    await page.getByTestId('reset-sign-in').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signInThroughUi(page, user.username, 'my new secret pw');
    await page.getByTestId('home-welcome').waitFor();

    // The link was used up.
    const { page: again } = await newPage();
    await again.goto(pathOf(link));
    await again.locator('#newPassword').fill('another new password');
    await again.locator('#confirm').fill('another new password');
    await again.locator('[data-testid=reset-form] button[type=submit]').click();
    await expect.poll(() => again.getByRole('alert').first().textContent()).toContain('This link does not work any more');
    expect(errors).toEqual([]);
  });

  it('shows unverified members a banner until they open the link from their mail', async () => {
    const user = await signUp(suite.stack);
    const email = `${user.username}@example.com`;
    const { page, errors } = await newPage();
    await signInThroughUi(page, user.username, PASSWORD);
    const banner = page.getByTestId('verify-email-banner');
    expect(await banner.textContent()).toContain('Verify your e-mail address');
    await banner.getByRole('button', { name: 'Resend' }).click();
    await banner.getByText('Sent. Check your inbox.').waitFor();

    const link = smtp.linkIn(await smtp.nextMailTo(email, { subject: /Verify/ }), '/verify-email');
    // The resent link replaced the first one: it is the one that works.
    const fresh = smtp.linkIn(await smtp.nextMailTo(email, { subject: /Verify/ }), '/verify-email');
    expect(fresh.search).not.toBe(link.search);
    await page.goto(pathOf(fresh));
    await page.getByTestId('verify-done').waitFor();
    expect(await banner.count()).toBe(0);
    await page.goto('/');
    await page.getByTestId('home-welcome').waitFor();
    expect(await banner.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('landing page', () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    it(`tells visitors what PP-ENTER is at ${viewport.width}×${viewport.height}, with working sign-up and sign-in links`, async () => {
      const { page, errors } = await newPage(viewport);
      await page.goto('/');
      await page.getByTestId('landing').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('PP-ENTER');
      for (const name of ['Video calls with friends', 'Emotion backgrounds', 'Screenshots into posts', 'Your feed']) {
        await page.getByRole('heading', { level: 3, name }).waitFor();
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      await page.getByTestId('landing-sign-up').click();
      await page.waitForURL((url) => url.pathname === '/sign-up');
      await page.getByTestId('sign-up-form').waitFor();
      await page.goBack();
      await page.getByTestId('landing-sign-in').click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByTestId('sign-in-form').waitFor();
      expect(errors).toEqual([]);
    });
  }

  it('speaks Korean, and members keep their home feed at /', async () => {
    const { page } = await newPage({ width: 390, height: 844 }, 'ko-KR');
    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: '할 수 있는 것' }).waitFor();
    const user = await signUp(suite.stack);
    await page.getByTestId('landing-sign-in').click();
    await signInThroughUi(page, user.username, PASSWORD);
    await page.getByTestId('home-welcome').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('landing').count()).toBe(0);
  });
});
