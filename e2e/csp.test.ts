import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { graphiqlEditor, newAppContext, watchErrors } from './lib/app';
import { useBrowserSuite } from './lib/suite';

// The built client and GraphiQL work under the Content-Security-Policy the API sends, with nothing refused.
const suite = useBrowserSuite();

/** A page whose CSP violations (as the browser reports them) and uncaught errors are collected. */
async function newPage(): Promise<{ page: Page; violations: string[]; errors: string[] }> {
  const context = await newAppContext(suite.browser, suite.stack.baseUrl);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __cspViolations?: string[] };
      (w.__cspViolations ??= []).push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { page, violations, errors: watchErrors(page) };
}
const reported = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);

describe('Content-Security-Policy in Chromium', () => {
  it('the app is served with the CSP and the sign-up form works under it', async () => {
    const { page, violations, errors } = await newPage();
    const response = await page.goto('/sign-up');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByTestId('sign-up-form').waitFor();
    await page.locator('#username').fill('csp_user');
    expect(await reported(page)).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('GraphiQL renders and runs { __typename } under the CSP', async () => {
    const { page, violations, errors } = await newPage();
    await page.goto('/graphql');
    const query = graphiqlEditor(page, '.graphiql-query-editor .CodeMirror');
    const response = graphiqlEditor(page, '.graphiql-response .CodeMirror');
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await query.set('{ __typename }');
    await page.locator('button.graphiql-execute-button').click();
    await expect.poll(response.get).toContain('"__typename": "Query"');
    expect(await reported(page)).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
