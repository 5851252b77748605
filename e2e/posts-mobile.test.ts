/**
 * Issue 14, posts on a phone (390×844, touch) in Chromium against the real API and the built client: a post with
 * three photos is a swipeable carousel with dots, a swipe moves to photo 2, a tap shows the people tagged in it,
 * a double tap likes the post (the count goes up and stays after a reload), the full-screen viewer opens and moves
 * by keyboard, zooms, and gives the focus back on Escape; `#tag` in the text leads to the tag page. Build the client first.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { upload, jpeg } from '../api/src/features/media/media.testkit';
import { befriend, createPost } from '../api/src/features/posts/posts.testkit';
import { gql, signUp, type TestUser } from '../api/src/test/client';
import { evidence, horizontalOverflow } from './lib/layout';
import { useBrowserSuite } from './lib/suite';

const suite = useBrowserSuite();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const phoneContext = async (browser: Browser, baseUrl: string, locale: string) => {
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport: PHONE, hasTouch: true });
  context.setDefaultTimeout(15_000);
  return context;
};

let alice: TestUser;
let bob: TestUser;
let postId: string;

async function photo(who: TestUser, color: { r: number; g: number; b: number }): Promise<string> {
  const res = await upload(suite.stack, who.token, await jpeg(640, 480, color));
  if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
  return (res.body as { id: string }).id;
}

beforeAll(async () => {
  alice = await signUp(suite.stack, { displayName: 'Alice Kim' });
  bob = await signUp(suite.stack, { displayName: 'Bob Lee' });
  await befriend(suite.stack, alice, bob);
  const mediaIds = [
    await photo(alice, { r: 200, g: 40, b: 90 }),
    await photo(alice, { r: 30, g: 120, b: 200 }),
    await photo(alice, { r: 40, g: 180, b: 60 }),
  ];
  // No title: text and photos only. Bob is tagged in the second photo.
  const post = await createPost(suite.stack, alice, {
    title: '',
    body: `Evening by the river #hangang with @${bob.username}`,
    mediaIds,
    photoTags: [{ mediaId: mediaIds[1], userId: bob.id, x: 0.2, y: 0.15 }],
  });
  postId = post.id;
});

/** The carousel's current photo as its dots say it ("Photo 2 of 3"). */
const currentDot = (page: Page) => page.locator('[data-testid=carousel-dot][aria-current=true]').getAttribute('aria-label');

/** A finger dragged from right to left across `box` (touch events, as a phone sends them). */
async function swipeLeft(cdp: CDPSession, box: { x: number; y: number; width: number; height: number }): Promise<void> {
  const y = box.y + box.height / 2;
  const [from, to] = [box.x + box.width * 0.85, box.x + box.width * 0.15];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y }] });
  for (let step = 1; step <= 10; step++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from + ((to - from) * step) / 10, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function tapCentre(page: Page, testid: string, nth = 0): Promise<void> {
  const box = (await page.getByTestId(testid).nth(nth).boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

describe('posts on a phone', () => {
  it('swipes through the photos, shows tags on tap, likes on double tap, opens the viewer, follows #tags', async () => {
    const { page, errors } = await suite.signedIn(bob, { context: phoneContext });
    await page.goto(`/p/${postId}`);
    const card = page.getByTestId('post-card');
    await card.waitFor();
    expect(await card.getByTestId('post-title').count()).toBe(0); // no empty title heading

    // Three dots, the first one current; the photos fill the carousel's width with no gap.
    const dots = page.getByTestId('carousel-dot');
    expect(await dots.evaluateAll((all) => all.map((d) => d.getAttribute('aria-label')))).toEqual([
      'Photo 1 of 3',
      'Photo 2 of 3',
      'Photo 3 of 3',
    ]);
    expect(await currentDot(page)).toBe('Photo 1 of 3');
    const carousel = page.getByTestId('carousel');
    const [frame, slide] = [(await carousel.boundingBox())!, (await page.getByTestId('post-photo').first().boundingBox())!];
    expect(Math.round(slide.width)).toBe(Math.round(frame.width));
    expect(Math.round(slide.height)).toBe(Math.round(frame.height));
    expect((await horizontalOverflow(page)).excess).toBeLessThanOrEqual(0);

    // A real touch swipe to the left moves to photo 2 (scroll-snap).
    const cdp = await page.context().newCDPSession(page);
    await swipeLeft(cdp, frame);
    await expect.poll(() => currentDot(page)).toBe('Photo 2 of 3');
    await evidence(page, 'posts-mobile-carousel');

    // A tap on photo 2 shows who is tagged in it; another hides them again. The button says the same.
    const tag = page.getByTestId('photo-tag').filter({ hasText: 'Bob Lee' });
    const tagOpacity = () => tag.evaluate((el) => getComputedStyle(el).opacity);
    expect(await tagOpacity()).toBe('0');
    await tapCentre(page, 'carousel-slide', 1);
    await expect.poll(tagOpacity).toBe('1');
    expect(await page.getByTestId('photo-tags-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(400);
    await tapCentre(page, 'carousel-slide', 1);
    await expect.poll(tagOpacity).toBe('0');
    await page.waitForTimeout(400);

    // A double tap likes the post, with the heart; the like is saved.
    const likeCount = page.getByTestId('like-count');
    expect(await likeCount.textContent()).toBe('0');
    const box = (await page.getByTestId('carousel-slide').nth(1).boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 3);
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 3);
    await expect.poll(() => likeCount.textContent()).toBe('1');
    expect(await page.getByTestId('like-button').getAttribute('aria-pressed')).toBe('true');
    expect(await tagOpacity()).toBe('0'); // a double tap is not also a tap
    await page.reload();
    await page.getByTestId('post-card').waitFor();
    await expect.poll(() => page.getByTestId('like-count').textContent()).toBe('1');
    expect(await page.getByTestId('like-button').getAttribute('aria-pressed')).toBe('true');

    // The viewer: opens on the current photo, ←/→ move, + zooms, Escape closes and gives the focus back.
    const open = page.getByTestId('open-viewer');
    await open.click();
    const viewer = page.getByRole('dialog');
    await viewer.waitFor();
    const position = page.getByTestId('viewer-position');
    expect(await position.textContent()).toContain('Photo 1 of 3');
    // The focus is in the viewer and stays there (the page behind is inert).
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => position.textContent()).toContain('Photo 2 of 3');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => position.textContent()).toContain('Photo 3 of 3');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => position.textContent()).toContain('Photo 2 of 3');
    await page.getByTestId('viewer-zoom-in').click();
    expect(Number(await page.getByTestId('viewer-image').getAttribute('data-zoom'))).toBeGreaterThan(1);
    await evidence(page, 'posts-mobile-viewer');
    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-viewer');
    await expect.poll(() => currentDot(page)).toBe('Photo 2 of 3'); // the carousel follows where the viewer was

    // @bob links to his profile; #hangang leads to the tag page with the post.
    expect(await card.getByTestId('text-mention').getAttribute('href')).toBe(`/u/${bob.username}`);
    await card.getByTestId('text-tag').filter({ hasText: '#hangang' }).click();
    await page.waitForURL((url) => url.pathname === '/t/hangang');
    await page.getByTestId('post-card').first().waitFor();
    expect(errors).toEqual([]);
  });

  it('at 1280×800 in Korean: the mention in the notification list, arrows and a double-click, a comment heart', async () => {
    const post = await createPost(suite.stack, alice, {
      title: '두 장',
      mediaIds: [await photo(alice, { r: 90, g: 90, b: 200 }), await photo(alice, { r: 220, g: 200, b: 40 })],
    });
    const added = await gql(
      suite.stack,
      'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } userErrors { code } } }',
      { input: { postId: post.id, body: `@${bob.username} 이것 좀 봐요` } },
      { token: alice.token },
    );
    expect(added.data.addComment.userErrors).toEqual([]);

    const { page, errors } = await suite.signedIn(bob, { locale: 'ko-KR', viewport: DESKTOP });
    await page.goto('/notifications');
    const mention = page.locator('[data-testid=notification-MENTION]:visible').first();
    await mention.waitFor();
    expect(await mention.textContent()).toContain('Alice Kim님이 나를 언급했습니다.');

    await page.goto(`/p/${post.id}`);
    await page.getByTestId('post-card').waitFor();
    // Arrows on a wide screen: the previous one only once there is a previous photo.
    expect(await page.getByTestId('carousel-prev').count()).toBe(0);
    await page.getByTestId('carousel-next').click();
    await expect.poll(() => currentDot(page)).toBe('사진 2장 중 2번째');
    expect(await page.getByTestId('carousel-next').count()).toBe(0);
    // A double-click likes, as a double tap does.
    await page
      .getByTestId('carousel-slide')
      .nth(1)
      .dblclick({ position: { x: 200, y: 200 } });
    await expect.poll(() => page.getByTestId('like-count').textContent()).toBe('1');

    // The comment's heart answers at once and is saved; the @name in it is a link.
    const comment = page.getByTestId('comment').first();
    await comment.waitFor();
    expect(await comment.getByTestId('text-mention').textContent()).toBe(`@${bob.username}`);
    const heart = comment.getByTestId('comment-like');
    expect(await heart.getAttribute('aria-pressed')).toBe('false');
    await heart.click();
    await expect.poll(() => heart.getAttribute('aria-pressed')).toBe('true');
    expect(await comment.getByTestId('comment-like-count').textContent()).toBe('1');
    await page.reload();
    const again = page.getByTestId('comment').first().getByTestId('comment-like');
    await expect.poll(() => again.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('like-count').textContent()).toBe('1');
    expect(errors).toEqual([]);
  });
});
