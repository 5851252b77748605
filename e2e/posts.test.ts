import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { befriend, createPost } from '../api/src/features/posts/posts.testkit';
import { signUp, type TestUser } from '../api/src/test/client';
import { useBrowserSuite } from './lib/suite';

// The social half in the browser against the real API and a built client.
const suite = useBrowserSuite();
const signedIn = (user: TestUser, locale: string) => suite.signedIn(user, { locale });

/** A photo large enough (noise does not compress) for the upload to take a while on a throttled link. */
function noisyJpeg(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + (i >> 5) * 104729) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

describe('posts in the browser', () => {
  it('A posts a photo with a Korean title; B, a friend, finds it, likes and comments; A sees both live', async () => {
    const a = await signUp(suite.stack, { displayName: '김하늘' });
    const b = await signUp(suite.stack, { displayName: 'Minho Lee' });
    await befriend(suite.stack, a, b);

    // A writes in Korean.
    const { page: pageA, errors: errorsA } = await signedIn(a, 'ko-KR');
    await pageA.getByTestId('nav-new-post').click();
    await pageA.getByRole('heading', { name: '새 게시물' }).waitFor();

    // A text file named .jpg: the server's own reason is shown (with the Korean wording).
    await pageA
      .getByTestId('media-file')
      .setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just some notes, not a picture') });
    const refused = pageA.getByTestId('upload-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Only JPEG, PNG, WebP and GIF images are accepted.');
    expect(await refused.textContent()).toContain('사용할 수 없는 이미지');
    await refused.getByRole('button').click();
    await expect.poll(() => refused.count()).toBe(0);

    // A real photo over a slow link: the progress bar shows while it goes up.
    const photo = await noisyJpeg(900, 700);
    const cdp = await pageA.context().newCDPSession(pageA);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: Math.ceil(photo.length / 2),
    });
    await pageA.getByTestId('media-file').setInputFiles({ name: 'night.jpg', mimeType: 'image/jpeg', buffer: photo });
    const progress = pageA.getByTestId('upload-progress');
    await progress.waitFor();
    await expect.poll(async () => Number((await progress.getAttribute('value')) ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
    await pageA.getByTestId('draft-photo').waitFor({ timeout: 20_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(await progress.count()).toBe(0);

    // Tag B where A clicks on the photo.
    const photoButton = pageA.getByTestId('tag-photo');
    const box = (await photoButton.boundingBox())!;
    await photoButton.click({ position: { x: box.width * 0.25, y: box.height * 0.5 } });
    await pageA.getByTestId('friend-picker').locator('input').fill('Minho');
    await pageA.getByTestId('friend-option').filter({ hasText: 'Minho Lee' }).click();
    await pageA.getByTestId('draft-photo-tag').filter({ hasText: 'Minho Lee' }).waitFor();

    const title = '서울 야경 산책 ' + Date.now().toString(36);
    await pageA.locator('#title').fill(title);
    await pageA.locator('#body').fill('한강에서 본 밤 풍경.\nA walk at night.');
    await pageA.getByTestId('tag-input').fill('서울');
    await pageA.getByTestId('tag-input').press('Enter');
    await pageA.getByTestId('tag-input').fill('#야경');
    await pageA.getByTestId('tag-input').press('Enter');
    expect(await pageA.getByTestId('tag-chip').allTextContents()).toEqual([
      expect.stringContaining('#서울'),
      expect.stringContaining('#야경'),
    ]);
    await pageA.locator('[data-testid=post-form] button[type=submit]').click();
    await pageA.waitForURL((url) => /^\/p\/[^/]+$/.test(url.pathname));
    const postPath = new URL(pageA.url()).pathname;
    expect(await pageA.getByTestId('post-title').textContent()).toBe(title);
    expect(await pageA.getByTestId('like-count').textContent()).toBe('0');
    await pageA.getByTestId('comments-empty').waitFor();

    // B (in English) sees it in the feed, with the photo tag over the photo on hover.
    const { page: pageB, errors: errorsB } = await signedIn(b, 'en-US');
    const card = pageB.getByTestId('post-card').filter({ hasText: title });
    await card.waitFor();
    expect(await card.getByTestId('post-author').textContent()).toContain('김하늘');
    expect(await card.locator('img').getAttribute('alt')).toBe(title);
    expect(await card.getByTestId('post-tag').allTextContents()).toEqual(['#서울', '#야경']);
    const tagLabel = card.getByTestId('photo-tag');
    await pageB.mouse.move(0, 0);
    await expect.poll(() => tagLabel.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
    await card.getByTestId('post-photo').hover();
    await expect.poll(() => tagLabel.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    expect(await tagLabel.textContent()).toContain('Minho Lee');

    // B finds it by part of the Korean title.
    await pageB.getByRole('link', { name: 'Search' }).click();
    await pageB.getByTestId('search-input').fill('야경 산책');
    const found = pageB.getByTestId('post-card').filter({ hasText: title });
    await found.waitFor();
    expect(await pageB.getByTestId('search-status').textContent()).toContain('1 post found');
    await found.getByTestId('post-title').getByRole('link').click();
    await pageB.waitForURL((url) => url.pathname === postPath);

    // The like shows at once and holds once the server answers.
    const like = pageB.getByTestId('like-button');
    await like.click();
    expect(await like.getAttribute('aria-pressed')).toBe('true');
    expect(await pageB.getByTestId('like-count').textContent()).toBe('1');
    await pageB.waitForLoadState('networkidle');
    expect(await like.getAttribute('aria-pressed')).toBe('true');

    // A, without reloading: the live toast, the new like count.
    const toast = pageA.getByTestId('like-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Minho Lee');
    expect(await toast.textContent()).toContain(title);
    expect(await toast.getByRole('link').getAttribute('href')).toBe(postPath);
    await expect.poll(() => pageA.getByTestId('like-count').textContent()).toBe('1');

    // B comments; A sees the comment without reloading.
    await pageB.locator('#new-comment').fill('Beautiful! 멋져요');
    await pageB.locator('[data-testid=new-comment-form] button[type=submit]').click();
    await pageB.getByTestId('comment-body').filter({ hasText: 'Beautiful! 멋져요' }).waitFor();
    await pageA.getByTestId('comment-body').filter({ hasText: 'Beautiful! 멋져요' }).waitFor();
    expect(await pageA.getByTestId('comments').getByRole('heading').textContent()).toContain('(1)');

    // A replies; B's favorite keeps the post on B's favorites page.
    await pageA.getByTestId('comment').getByRole('button', { name: '답글' }).click();
    await pageA.getByRole('textbox', { name: /답글/ }).fill('고마워요!');
    await pageA.getByRole('textbox', { name: /답글/ }).press('Control+Enter');
    await pageA.getByTestId('comment-body').filter({ hasText: '고마워요!' }).waitFor();
    await pageB.getByTestId('favorite-button').click();
    expect(await pageB.getByTestId('favorite-button').getAttribute('aria-pressed')).toBe('true');
    await pageB.getByRole('link', { name: 'Favorites' }).click();
    await pageB.getByTestId('post-card').filter({ hasText: title }).waitFor();

    expect(errorsA).toEqual([]);
    expect(errorsB).toEqual([]);
  });
  it('scrolls the feed page by page, edits a post and deletes it after confirming', async () => {
    const a = await signUp(suite.stack, { displayName: 'Ara Han' });
    const b = await signUp(suite.stack, { displayName: '박서준' });
    await befriend(suite.stack, a, b);
    for (let i = 1; i <= 12; i++) await createPost(suite.stack, a, { title: `Day ${i}`, tags: ['daily'] });
    const { page, errors } = await signedIn(a, 'en-US');

    // 10 posts, then the next page as the end of the list comes into view.
    await expect.poll(() => page.getByTestId('post-card').count()).toBe(10);
    await page.getByTestId('posts-load-more').waitFor();
    await page.getByTestId('post-card').last().scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('post-card').count()).toBe(12);
    await page.getByTestId('posts-end').waitFor();

    // The tag links to the tag page.
    await page.getByTestId('post-card').first().getByTestId('post-tag').click();
    await page.waitForURL((url) => url.pathname === '/t/daily');
    expect(await page.getByTestId('tag-title').textContent()).toBe('#daily');
    await expect.poll(() => page.getByTestId('post-card').count()).toBe(10);

    // Edit: a new title, one more tag, and B tagged on the photo.
    await page.getByTestId('post-card').filter({ hasText: 'Day 12' }).getByRole('link', { name: 'Day 12' }).click();
    await page.getByTestId('post-edit').click();
    await page.locator('#title').waitFor();
    expect(await page.locator('#title').inputValue()).toBe('Day 12');
    await page.locator('#title').fill('Day twelve, 열두째 날');
    await page.getByTestId('tag-input').fill('edited');
    await page.getByTestId('tag-input').press('Enter');
    await page.getByTestId('tag-photo').press('Enter');
    await page.getByTestId('friend-option').filter({ hasText: '박서준' }).click();
    await page.locator('[data-testid=post-form] button[type=submit]').click();
    await page.waitForURL((url) => /^\/p\/[^/]+$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('post-title').textContent()).toBe('Day twelve, 열두째 날');
    expect(await page.getByTestId('post-tag').allTextContents()).toEqual(['#daily', '#edited']);
    expect(await page.getByTestId('photo-tag').textContent()).toContain('박서준');

    // A title the API refuses is reported next to the field.
    await page.getByTestId('post-edit').click();
    await page.locator('#title').evaluate((el: HTMLInputElement) => el.removeAttribute('maxlength'));
    await page.locator('#title').fill('x'.repeat(101));
    await page.locator('[data-testid=post-form] button[type=submit]').click();
    await expect.poll(() => page.locator('#title-error').textContent()).toContain('at most 100');
    // Fixing the field takes its error away at once, before any new submit.
    await page.locator('#title').fill('x'.repeat(100));
    await expect.poll(async () => (await page.locator('#title-error').textContent())?.trim(), { timeout: 5000 }).toBe('');
    expect(await page.locator('#title').getAttribute('aria-invalid')).not.toBe('true');
    await page.getByRole('link', { name: 'Cancel' }).click();

    // Delete, after the confirmation: gone from the feed.
    await page.getByTestId('post-delete').click();
    const dialog = page.getByTestId('delete-post-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.isVisible()).toBe(false);
    await page.getByTestId('post-delete').click();
    await dialog.getByTestId('delete-post-confirm').click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('post-card').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('post-title').allTextContents()).not.toContain('Day twelve, 열두째 날');
    expect(errors).toEqual([]);
  });
});
