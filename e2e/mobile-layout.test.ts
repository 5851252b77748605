/**
 * Issue 14, the mobile-first layout, in Chromium against the real API and the built client: at 390×844
 * (and 360×740) in Korean and English every main page fits the width (no sideways scroll), the tab bar
 * shows five tabs on one line, each at least 44 px tall, the current one marked, and tapping them
 * navigates; at 1280×800 the top navigation is on one line and the tab bar is gone. Screenshots go to
 * EVIDENCE_DIR when it is set. Build the client first.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, makeStaff } from '../api/src/features/moderation/reports.testkit';
import { befriend, createPost } from '../api/src/features/posts/posts.testkit';
import { signUp, type TestUser } from '../api/src/test/client';
import { boxes, evidence, horizontalOverflow, settled } from './lib/layout';
import { newAppContext } from './lib/app';
import { subscriptionMessageSent, useBrowserSuite } from './lib/suite';

const suite = useBrowserSuite();
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const LOCALES = ['ko-KR', 'en-US'] as const;

let alice: TestUser;
let bob: TestUser;
let postId: string;
let laterPostId: string;
let roomId: string;

beforeAll(async () => {
  // Alice: staff (the console's pages too), a friend, a post with a long caption, tags and an unbroken URL,
  // a like on it (a notification), and a room.
  alice = await makeStaff(suite.stack, await signUp(suite.stack, { displayName: '김민아 Alexandra Konstantinopoulou' }), 'ADMIN');
  bob = await signUp(suite.stack, { displayName: 'Bob Lee' });
  await befriend(suite.stack, alice, bob);
  const post = await createPost(suite.stack, alice, {
    title: '한강에서 보낸 오후 — a very long afternoon by the river with friends and far too many photographs',
    body:
      '오늘은 친구들과 한강 공원에서 자전거를 타고 치킨을 먹었습니다. Supercalifragilisticexpialidocious-without-any-spaces-at-all-' +
      'and-then-some-more https://example.com/a/really/long/path/that/never/breaks/anywhere/at/all?with=query&and=more',
    tags: ['한강', 'riverside_afternoon_with_friends', 'photography'],
  });
  postId = post.id;
  laterPostId = (await createPost(suite.stack, alice, { title: 'Liked while she browses' })).id;
  await as(suite.stack, bob, 'mutation($id: ID!) { likePost(postId: $id) { post { id } } }', { id: postId });
  const room = await as(suite.stack, alice, 'mutation($input: CreateRoomInput!) { createRoom(input: $input) { room { id } } }', {
    input: { title: '심야 수다방 Night owls who talk until the sun comes up', visibility: 'PUBLIC' },
  });
  roomId = room.data.createRoom.room.id;
});

/** The main pages, with the tab each belongs to (none for the rest). */
function routes(): { path: string; tab?: string }[] {
  const me = alice.username;
  const id = encodeURIComponent(postId);
  return [
    { path: '/', tab: 'home' },
    { path: '/people', tab: 'search' },
    { path: `/u/${me}`, tab: 'profile' },
    { path: `/u/${me}/friends`, tab: 'profile' },
    { path: '/friends/requests' },
    { path: '/notifications' },
    { path: '/new', tab: 'new' },
    { path: `/p/${id}` },
    { path: `/p/${id}/edit` },
    { path: '/favorites' },
    { path: '/album' },
    { path: `/t/${encodeURIComponent('한강')}`, tab: 'search' },
    { path: '/search?q=river', tab: 'search' },
    { path: '/rooms', tab: 'calls' },
    { path: '/calls', tab: 'calls' },
    { path: '/settings/profile', tab: 'profile' },
    { path: '/admin' },
    { path: '/admin/users' },
    { path: '/admin/posts' },
    { path: '/admin/rooms' },
    { path: '/admin/reports' },
    { path: '/no/such/page' },
  ];
}

async function fitsTheWidth(page: Page, what: string): Promise<void> {
  const { excess, culprits } = await horizontalOverflow(page);
  expect(excess, `${what} is ${excess}px wider than the window: ${culprits.join(' | ')}`).toBeLessThanOrEqual(0);
}

/** Five tabs on one line across the bottom, each at least 44 px tall; returns the current one's key. */
async function assertTabBar(page: Page, what: string): Promise<string | null> {
  const bar = page.getByTestId('tab-bar');
  expect(await bar.isVisible(), `${what}: tab bar`).toBe(true);
  const tabs = await boxes(page, '[data-testid=tab-bar] a');
  expect(tabs).toHaveLength(5);
  const viewport = page.viewportSize()!;
  for (const tab of tabs) {
    expect(Math.abs(tab.top - tabs[0]!.top), `${what}: "${tab.text}" on the same line`).toBeLessThan(1);
    expect(tab.height, `${what}: "${tab.text}" tall enough to tap`).toBeGreaterThanOrEqual(44);
    expect(tab.right - tab.left).toBeGreaterThanOrEqual(44);
    expect(tab.text, `${what}: each tab has a label`).not.toBe('');
  }
  expect(tabs[0]!.left).toBeGreaterThanOrEqual(0);
  expect(tabs[4]!.right).toBeLessThanOrEqual(viewport.width);
  expect(tabs[0]!.bottom).toBeLessThanOrEqual(viewport.height);
  const current = await page
    .locator('[data-testid=tab-bar] a[aria-current=page]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')));
  expect(current.length, `${what}: at most one current tab`).toBeLessThanOrEqual(1);
  return current[0]?.replace('tab-', '') ?? null;
}

/** Scrolled to the very end, the page's last content still ends above the tab bar. */
async function assertNothingUnderTheBar(page: Page, what: string): Promise<void> {
  const gap = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    const main = document.getElementById('main')!;
    const last = main.lastElementChild ?? main;
    const bar = document.querySelector('[data-testid=tab-bar]')!.getBoundingClientRect();
    return bar.top - last.getBoundingClientRect().bottom;
  });
  expect(gap, `${what}: the page's end is covered by the tab bar`).toBeGreaterThanOrEqual(0);
}

describe('phones', () => {
  for (const locale of LOCALES) {
    it(
      `${locale} at 390×844: every page fits the width, tab bar of five on one line, current tab marked`,
      { timeout: 180_000 },
      async () => {
        const { page, errors } = await suite.signedIn(alice, { locale, viewport: PHONE });
        const lang = locale.slice(0, 2);
        for (const { path, tab } of routes()) {
          await page.goto(path);
          await settled(page);
          const what = `${lang} ${path}`;
          await fitsTheWidth(page, what);
          expect(await assertTabBar(page, what), `${what}: current tab`).toBe(tab ?? null);
          // The header is one compact row.
          expect((await page.locator('header').first().boundingBox())!.height, `${what}: header height`).toBeLessThanOrEqual(64);
          if (path === '/' || path === `/u/${alice.username}` || path === '/calls') {
            const name = path === '/' ? 'home' : path === '/calls' ? 'calls' : 'profile';
            await evidence(page, `mobile-${name}-390-${lang}`);
          }
        }
        await page.goto(`/p/${encodeURIComponent(postId)}`);
        await settled(page);
        await assertNothingUnderTheBar(page, `${lang} post page`);
        expect(errors).toEqual([]);
        await page.context().close();
      },
    );
  }

  it('tapping the tabs navigates; Calls reaches both calls and rooms; the call page has no tab bar', { timeout: 90_000 }, async () => {
    const { page, errors } = await suite.signedIn(alice, {
      locale: 'en-US',
      viewport: PHONE,
      ready: (p) => subscriptionMessageSent(p, 'PostLikesChanged'),
    });
    // What pops up at the bottom (here Bob's like, as the call's mini bar does) sits above the tab bar.
    await as(suite.stack, bob, 'mutation($id: ID!) { likePost(postId: $id) { post { id } } }', { id: laterPostId });
    await page.getByTestId('like-toast').waitFor();
    const toast = (await page.getByTestId('like-toast').boundingBox())!;
    const bar = (await page.getByTestId('tab-bar').boundingBox())!;
    expect(toast.y + toast.height, 'the like toast is above the tab bar').toBeLessThanOrEqual(bar.y);
    const expected: [string, (url: URL) => boolean][] = [
      ['search', (u) => u.pathname === '/search'],
      ['new', (u) => u.pathname === '/new'],
      ['calls', (u) => u.pathname === '/calls'],
      ['profile', (u) => u.pathname === `/u/${alice.username}`],
      ['home', (u) => u.pathname === '/'],
    ];
    for (const [tab, at] of expected) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForURL(at);
      await expect.poll(() => page.getByTestId(`tab-${tab}`).getAttribute('aria-current')).toBe('page');
    }
    await page.getByTestId('tab-calls').click();
    await page.getByTestId('calls-switch-rooms').click();
    await page.waitForURL((u) => u.pathname === '/rooms');
    expect(await page.getByTestId('calls-switch-rooms').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('tab-calls').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('calls-switch-calls').click();
    await page.waitForURL((u) => u.pathname === '/calls');

    // The account menu (from the header) has what the tabs lack: people, favourites, the language.
    await page.getByTestId('user-menu-button').click();
    await page.getByTestId('menu-language-switch').selectOption('ko');
    await expect.poll(() => page.getByTestId('tab-home').textContent()).toContain('홈');
    await fitsTheWidth(page, 'ko /calls with the account menu open');

    // The call page is the whole screen: no header, no tab bar.
    await page.goto(`/call/${encodeURIComponent(roomId)}`);
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('tab-bar').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it(
    '360×740 (a small phone) in Korean and English: home, post, profile, calls fit; signed-out pages fit',
    { timeout: 90_000 },
    async () => {
      for (const locale of LOCALES) {
        const { page, errors } = await suite.signedIn(alice, { locale, viewport: SMALL_PHONE });
        for (const path of ['/', `/p/${encodeURIComponent(postId)}`, `/u/${alice.username}`, '/calls', '/admin']) {
          await page.goto(path);
          await settled(page);
          await fitsTheWidth(page, `360 ${locale} ${path}`);
          await assertTabBar(page, `360 ${locale} ${path}`);
        }
        expect(errors).toEqual([]);
        await page.context().close();

        // Signed out: no tab bar, the sign-in and sign-up pages fit too.
        const guest = await (await newAppContext(suite.browser, suite.stack.baseUrl, locale)).newPage();
        await guest.setViewportSize(SMALL_PHONE);
        for (const path of ['/sign-in', '/sign-up', '/no/such/page']) {
          await guest.goto(path);
          await settled(guest);
          await fitsTheWidth(guest, `360 ${locale} signed out ${path}`);
          expect(await guest.getByTestId('tab-bar').count()).toBe(0);
        }
        await guest.context().close();
      }
    },
  );
});

describe('desktop', () => {
  for (const locale of LOCALES) {
    it(`${locale} at 1280×800: the top navigation on one line, all of it in view; no tab bar`, { timeout: 90_000 }, async () => {
      const { page, errors } = await suite.signedIn(alice, { locale, viewport: DESKTOP });
      const lang = locale.slice(0, 2);
      for (const path of ['/', `/u/${alice.username}`, '/calls', `/p/${encodeURIComponent(postId)}`, '/admin']) {
        await page.goto(path);
        await settled(page);
        await fitsTheWidth(page, `${lang} ${path}`);
        expect(await page.getByTestId('tab-bar').isVisible(), `${lang} ${path}: no tab bar`).toBe(false);
        const links = await boxes(page, '[data-testid=top-nav] a');
        expect(links).toHaveLength(7);
        for (const link of links) {
          expect(Math.abs(link.top - links[0]!.top), `${lang}: "${link.text}" on the same line`).toBeLessThan(1);
          // One line of text: no label broken over two lines (the one-syllable-a-line Korean menu).
          expect(link.height, `${lang}: "${link.text}" on one line`).toBeLessThan(44);
          expect(link.right, `${lang}: "${link.text}" in view`).toBeLessThanOrEqual(DESKTOP.width);
        }
        const header = (await page.locator('header').first().boundingBox())!;
        expect(header.height, `${lang}: the header is one row`).toBeLessThanOrEqual(72);
        if (path === '/' || path === '/calls' || path === `/u/${alice.username}`) {
          const name = path === '/' ? 'home' : path === '/calls' ? 'calls' : 'profile';
          await evidence(page, `mobile-${name}-1280-${lang}`);
        }
      }
      // A tablet (between `sm` and `lg`): the links get a row of their own, still one line, no tab bar.
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.goto('/');
      await settled(page);
      await fitsTheWidth(page, `${lang} / at 768`);
      expect(await page.getByTestId('tab-bar').isVisible()).toBe(false);
      const links = await boxes(page, '[data-testid=top-nav] a');
      expect(links.every((link) => Math.abs(link.top - links[0]!.top) < 1 && link.height < 44)).toBe(true);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
