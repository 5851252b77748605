/**
 * A PUBLIC room with four people in the browser: the real API, the real LiveKit server, the built
 * client. One Chromium, four browser profiles (contexts) with fake cameras at a low frame rate and
 * small windows (adaptive stream then asks for the small simulcast layer). The owner creates the
 * room through the lobby's dialog; the others find it by searching the lobby and join; every page
 * renders the three others' video, playing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, type TestUser } from '../api/src/test/client.js';
import { startTestStack, type TestStack } from '../api/src/test/stack.js';
import { assertRemoteVideoPlaying, callContext, fakeMediaFlags, newUser } from '../bench/lib/call/pages.js';
import { assertClientBuilt, signInThroughUi, watchErrors } from './lib/app.js';
import { launchChromium } from './lib/browser.js';

const PASSWORD = 'correct horse battery';
const livekit = inject('livekit');
let stack: TestStack;
let browser: Browser;
let users: TestUser[];

beforeAll(async () => {
  if (!livekit) throw new Error('LiveKit is not available (.tools/bin/livekit-server; `npm run setup`): room tests need the real server.');
  assertClientBuilt();
  stack = await startTestStack();
  users = await Promise.all(['Owner 민준', 'Guest Sora', 'Guest 지우', 'Guest Leo'].map((name) => newUser(stack, name)));
  browser = await launchChromium(fakeMediaFlags(10));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedIn(user: TestUser, locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await callContext(browser, stack.baseUrl, { locale, width: 900, height: 700 });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInThroughUi(page, user.username, PASSWORD);
  return { page, errors };
}

describe('a public room in the browser', () => {
  it('four people: each renders the three others, playing', { timeout: 180_000 }, async () => {
    const started = performance.now();
    const title = `Study room ${Date.now() % 100_000}`;
    const [owner, ...guests] = await Promise.all(users.map((user, i) => signedIn(user, i % 2 ? 'ko-KR' : 'en-US')));

    // The owner creates the room from the lobby and lands in it.
    await owner!.page.getByTestId('nav-rooms').click();
    await owner!.page.getByTestId('create-room').click();
    const dialog = owner!.page.getByTestId('create-room-dialog');
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Tags').fill('study, 공부');
    await dialog.getByTestId('room-capacity').fill('4');
    await dialog.getByTestId('room-visibility-PUBLIC').check();
    await dialog.getByRole('button', { name: 'Create and join' }).click();
    await owner!.page.waitForURL((url) => url.pathname.startsWith('/call/'));
    await owner!.page.locator('[data-testid=call-page][data-stage=live]').waitFor();
    const roomPath = new URL(owner!.page.url()).pathname;

    // The others search the lobby by tag and join, one after the other.
    for (const guest of guests) {
      await guest.page.goto('/rooms');
      await guest.page.getByTestId('rooms-search').fill('공부');
      await guest.page.waitForURL((url) => url.searchParams.get('q') === '공부');
      const card = guest.page.getByTestId('room-card').filter({ hasText: title });
      await card.waitFor();
      await card.getByTestId('join-room').click();
      await guest.page.waitForURL((url) => url.pathname === roomPath);
      await guest.page.locator('[data-testid=call-page][data-stage=live]').waitFor();
    }

    // Every page: three remote tiles, each with frames decoded and still increasing.
    const pages = [owner!, ...guests];
    console.log(`[rooms] all four in the room after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const readings = await Promise.all(pages.map(({ page }) => assertRemoteVideoPlaying(page, 3, { timeoutMs: 60_000, gapMs: 2000 })));
    readings.forEach((reading, i) => {
      const others = users
        .filter((_, j) => j !== i)
        .map((u) => u.id)
        .sort();
      expect(Object.keys(reading).sort()).toEqual(others);
      console.log(`[rooms] page ${i} remote frames 2 s apart: ${JSON.stringify(Object.values(reading))}`);
    });
    for (const { page } of pages) expect(await page.getByTestId('call-tile').count()).toBe(4);

    // The lobby counts the four of them (LiveKit's webhooks reach the API)…
    await expect
      .poll(
        async () => {
          const res = await gql(
            stack,
            'query($q: String) { rooms(query: $q) { nodes { title participantCount } } }',
            { q: title },
            { token: users[0]!.token },
          );
          return res.data.rooms.nodes[0]?.participantCount;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(4);
    // …and one fewer once a guest goes back to the lobby (leaving the page leaves the room).
    const back = guests[0]!.page;
    await back.getByTestId('nav-rooms').click();
    await expect
      .poll(
        async () => {
          await back.reload();
          return back.getByTestId('room-card').filter({ hasText: title }).getByTestId('room-occupancy').textContent();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toContain('3 / 4');
    console.log(`[rooms] ${((performance.now() - started) / 1000).toFixed(1)} s in all`);

    for (const { errors } of pages) expect(errors).toEqual([]);
  });
});
