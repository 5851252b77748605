import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** What the test stack serves: client/dist, or a private build named by CLIENT_DIST. */
export const CLIENT_DIST = process.env.CLIENT_DIST || join(import.meta.dirname, '../../client/dist');

/** Without a client build there is nothing to test. */
export function assertClientBuilt(): void {
  if (!existsSync(join(CLIENT_DIST, 'index.html'))) {
    throw new Error(`${CLIENT_DIST} has no build: run \`npm run build -w client\` before the browser tests.`);
  }
}

export interface AppAccount {
  username: string;
  email: string;
  password: string;
  displayName?: string;
}

let seq = 0;
/** A unique account for this test run (usernames are at most 30 characters). */
export function newAccount(displayName?: string): AppAccount {
  const username = `e2e_${process.pid}_${++seq}_${Math.random().toString(36).slice(2, 6)}`.slice(0, 30);
  return { username, email: `${username}@example.com`, password: 'correct horse battery', displayName };
}

/** A fresh browser profile (own cookies) speaking `locale`. */
export async function newAppContext(browser: Browser, baseUrl: string, locale = 'en-US'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport: { width: 1100, height: 800 } });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Collects uncaught page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function signUpThroughUi(page: Page, account: AppAccount): Promise<void> {
  await page.goto('/sign-up');
  await page.locator('#username').fill(account.username);
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  if (account.displayName) await page.locator('#displayName').fill(account.displayName);
  await page.locator('[data-testid=sign-up-form] button[type=submit]').click();
  await page.getByTestId('home-welcome').waitFor();
}

export async function signInThroughUi(page: Page, login: string, password: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/sign-in')) await page.goto('/sign-in');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('[data-testid=sign-in-form] button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export async function signOutThroughUi(page: Page): Promise<void> {
  await page.getByTestId('user-menu-button').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
}

/** The value of a GraphiQL CodeMirror editor (query, headers, response). */
export function graphiqlEditor(page: Page, selector: string) {
  return {
    set: (value: string) =>
      page.evaluate(
        ([s, v]) => {
          (document.querySelector(s!) as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(v!);
        },
        [selector, value],
      ),
    get: () =>
      page.evaluate(
        (s) => (document.querySelector(s) as unknown as { CodeMirror?: { getValue(): string } } | null)?.CodeMirror?.getValue() ?? '',
        selector,
      ),
  };
}
