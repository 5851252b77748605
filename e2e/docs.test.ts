import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { graphiqlEditor, newAppContext, watchErrors } from './lib/app';
import { useBrowserSuite } from './lib/suite';

// The developer guide in Chromium: /docs renders under the app's CSP, every link of the guide leads somewhere, the
// reference shows the schema; the app's footer and GraphiQL lead to it.
const suite = useBrowserSuite();

async function newPage(locale = 'en-US'): Promise<{ page: Page; errors: string[]; violations: string[] }> {
  const context = await newAppContext(suite.browser, suite.stack.baseUrl, locale);
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { page, errors: watchErrors(page), violations };
}

/** Every same-site link of the page (nav and content), as absolute URLs without the fragment, each once. */
const siteLinks = (page: Page) =>
  page.evaluate(() => [
    ...new Set(
      [...document.querySelectorAll('a[href]')]
        .map((a) => new URL((a as HTMLAnchorElement).href))
        .filter((url) => url.origin === location.origin)
        .map((url) => url.origin + url.pathname),
    ),
  ]);

describe('the developer guide at /docs', () => {
  it('renders with a nav whose every page, and every link in the pages, answers 200', async () => {
    const { page, errors, violations } = await newPage();
    await page.goto('/docs');
    await page.getByRole('heading', { level: 1, name: 'PP-ENTER developer guide' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Developer guide' });
    const navLinks = nav.getByRole('link');
    expect(await navLinks.count()).toBeGreaterThanOrEqual(10);

    // Following the nav as a reader would: each page has its own heading, and the nav marks where they are.
    await nav.getByRole('link', { name: 'Errors' }).click();
    await page.getByRole('heading', { level: 1, name: 'Errors' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Errors' }).getAttribute('aria-current')).toBe('page');
    // A relative link written for GitHub (`tokens.md`) works on the served site.
    await page.getByRole('main').getByRole('link', { name: 'tokens' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Getting a token' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/docs/tokens');

    const pages = await Promise.all((await navLinks.all()).map((link) => link.getAttribute('href')));
    const checked = new Set<string>();
    for (const path of pages) {
      await page.goto(path!);
      for (const url of await siteLinks(page)) {
        if (checked.has(url) || url.endsWith('/settings/tokens')) continue;
        checked.add(url);
        const response = await page.request.get(url);
        expect(response.status(), url).toBe(200);
      }
    }
    expect([...checked]).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/docs\/reference$/), expect.stringMatching(/\/graphql$/)]),
    );
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the schema reference lists Post with its fields, described, and links field types to their sections', async () => {
    const { page, errors } = await newPage();
    await page.goto('/docs/reference#Post');
    const post = page.locator('section#Post');
    await post.getByRole('heading', { name: /^Post/ }).waitFor();
    await expect.poll(() => post.locator('tr#Post\\.title').isVisible()).toBe(true);
    expect(await post.getByRole('rowheader').allInnerTexts()).toEqual(
      expect.arrayContaining(['title', 'author', 'likeCount', 'viewerHasLiked']),
    );
    await post.locator('tr#Post\\.author').getByRole('link', { name: 'User' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#User');
    expect(await page.locator('section#User tr#User\\.username').innerText()).toMatch(/username\s+String!/);
    expect(errors).toEqual([]);
  });

  it('fits a phone (390×844): no page scrolls sideways, the nav wraps above the content', async () => {
    const { page } = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/docs', '/docs/errors', '/docs/limits', '/docs/reference']) {
      await page.goto(path);
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    const nav = await page.getByRole('navigation', { name: 'Developer guide' }).boundingBox();
    const main = await page.getByRole('main').boundingBox();
    expect(nav!.y + nav!.height).toBeLessThanOrEqual(main!.y);
    if (process.env.DOCS_SCREENSHOTS) {
      await page.goto('/docs/errors');
      await page.screenshot({ path: `${process.env.DOCS_SCREENSHOTS}/docs-390.png` });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto('/docs/reference#Post');
      await page.screenshot({ path: `${process.env.DOCS_SCREENSHOTS}/docs-1280.png` });
    }
  });

  it("the app's footer links to it (English and Korean), and GraphiQL opens with examples and a link to it", async () => {
    const { page } = await newPage('ko-KR');
    await page.goto('/sign-in');
    await page.getByRole('contentinfo').getByRole('link', { name: '개발자' }).click();
    await page.getByRole('heading', { level: 1, name: 'PP-ENTER developer guide' }).waitFor();

    const english = await newPage();
    await english.page.goto('/sign-in');
    await english.page.getByRole('contentinfo').getByRole('link', { name: 'Developers' }).waitFor();

    await page.goto('/graphql');
    const query = graphiqlEditor(page, '.graphiql-query-editor .CodeMirror');
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await expect.poll(query.get).toContain('query Feed');
    expect(await query.get()).toContain('Authorization');
    expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual(['Feed', 'Like', 'Notifications']);
    await page.getByRole('link', { name: 'Developer guide' }).click();
    await page.getByRole('heading', { level: 1, name: 'PP-ENTER developer guide' }).waitFor();
  });
});
