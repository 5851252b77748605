import type { Locator } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createPost } from '../api/src/features/posts/posts.testkit';
import { signUp } from '../api/src/test/client';
import { useBrowserSuite } from './lib/suite';

// Profile pictures, live lists and answering friend requests, in the browser against the real API and a built client.
const suite = useBrowserSuite();

/** A face-sized picture in one colour (what the avatar shows is the uploaded file, re-encoded by the API). */
const portrait = () =>
  sharp({ create: { width: 320, height: 320, channels: 3, background: '#0a7d4f' } })
    .jpeg()
    .toBuffer();

/** The avatar shows a loaded picture (not the initial): an <img> the browser decoded. */
async function showsPicture(avatar: Locator): Promise<boolean> {
  const img = avatar.locator('img');
  if (!(await img.count())) return false;
  return img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0);
}

describe('profile pictures', () => {
  it('an uploaded picture shows in the header and on the author’s posts, also after a reload', async () => {
    const alice = await signUp(suite.stack, { displayName: 'Alice Avatar' });
    const post = await createPost(suite.stack, alice, { title: 'Picnic by the river' });
    const { page, errors } = await suite.signedIn(alice);

    const headerAvatar = page.getByTestId('user-menu-button').getByTestId('avatar');
    expect(await headerAvatar.getAttribute('data-avatar')).toBe('initial');

    await page.goto(`${suite.stack.baseUrl}/settings/profile`);
    await page.locator('#avatar-file').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await portrait() });
    await page.getByText('Profile picture saved.').waitFor();
    await expect.poll(() => showsPicture(headerAvatar), { timeout: 10_000 }).toBe(true);

    await page.goto(`${suite.stack.baseUrl}/p/${encodeURIComponent(post.id)}`);
    const authorAvatar = page.getByTestId('post-card').first().getByTestId('avatar');
    await expect.poll(() => showsPicture(authorAvatar), { timeout: 10_000 }).toBe(true);

    await page.reload();
    await expect.poll(() => showsPicture(headerAvatar), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => showsPicture(page.getByTestId('post-card').first().getByTestId('avatar')), { timeout: 10_000 }).toBe(true);
    expect(errors).toEqual([]);
  });
});
