import type { Locator } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createRoom } from '../api/src/features/facechat/facechat.testkit';
import { befriend, createPost } from '../api/src/features/posts/posts.testkit';
import { gql, signUp } from '../api/src/test/client';
import { subscriptionMessageSent, useBrowserSuite } from './lib/suite';

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

describe('live lists', () => {
  it('Bob’s feed offers “1 new post” when Alice posts, and his lobby shows her new room without a reload', async () => {
    const alice = await signUp(suite.stack, { displayName: 'Alice Live' });
    const bob = await signUp(suite.stack, { displayName: 'Bob Live' });
    await befriend(suite.stack, alice, bob);
    let lobbyReady: Promise<void> | undefined;
    const { page, errors } = await suite.signedIn(bob, {
      ready: (p) => {
        lobbyReady = subscriptionMessageSent(p, 'lobbyUpdated');
        return subscriptionMessageSent(p, 'feedPostAdded');
      },
    });
    const cards = page.getByTestId('post-card');
    const before = await cards.count();

    await createPost(suite.stack, alice, { title: 'Sunset from the hill' });
    const prompt = page.getByTestId('feed-new-posts');
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.textContent()).toContain('1 new post');
    expect(await cards.count()).toBe(before); // nothing moved under the reader yet
    await prompt.click();
    await cards.filter({ hasText: 'Sunset from the hill' }).first().waitFor();
    expect(await prompt.count()).toBe(0);

    await page.getByTestId('nav-rooms').click();
    await page.getByTestId('rooms-status').waitFor();
    await lobbyReady;
    const room = await createRoom(suite.stack, alice, { title: 'Evening chat' });
    await page.locator(`[data-testid=room-card][data-room-id="${room.id}"]`).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  });
});

describe('answering a friend request where it is announced', () => {
  it('Bob accepts Alice’s request from the notifications page; the toast offered the same', async () => {
    const alice = await signUp(suite.stack, { displayName: 'Alice Asks' });
    const bob = await signUp(suite.stack, { displayName: 'Bob Answers' });
    const { page, errors } = await suite.signedIn(bob, { ready: (p) => subscriptionMessageSent(p, 'notificationAdded') });

    const sent = await gql(
      suite.stack,
      'mutation($id: ID!) { sendFriendRequest(userId: $id) { friendRequest { id } userErrors { code } } }',
      { id: bob.id },
      { token: alice.token },
    );
    expect(sent.data.sendFriendRequest.userErrors).toEqual([]);
    // The live toast has the buttons too.
    const toast = page.getByTestId('toast').filter({ hasText: 'Alice Asks' });
    await toast.getByTestId('friend-request-accept').waitFor({ timeout: 10_000 });
    expect(await toast.getByTestId('friend-request-decline').count()).toBe(1);

    await page.goto(`${suite.stack.baseUrl}/notifications`);
    const item = page
      .getByTestId('notifications-list')
      .locator('li')
      .filter({ has: page.getByTestId('notification-FRIEND_REQUEST') });
    await item.getByTestId('friend-request-accept').click();
    await expect.poll(() => item.getByTestId('friend-request-outcome').textContent()).toBe('You are now friends.');
    expect(await item.getByTestId('friend-request-accept').count()).toBe(0);

    const relation = await gql(
      suite.stack,
      'query($id: ID!) { user(id: $id) { friendshipStatus } }',
      { id: bob.id },
      { token: alice.token },
    );
    expect(relation.data.user.friendshipStatus).toBe('FRIENDS');
    await page.reload();
    await expect.poll(() => item.getByTestId('friend-request-outcome').textContent(), { timeout: 10_000 }).toBe('Friends');
    expect(errors).toEqual([]);
  });
});
