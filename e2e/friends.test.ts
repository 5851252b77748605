import { describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../api/src/test/client';
import { PASSWORD, subscriptionMessageSent, useBrowserSuite, type SignedInPage } from './lib/suite';

// Friends, follows, blocks and live notifications in two browsers at once, against the real API.
const suite = useBrowserSuite();

/** A user made over the API and signed in through the UI in a browser profile of their own, listening live. */
async function person(displayName: string, locale = 'en-US'): Promise<SignedInPage & { user: TestUser }> {
  const user = await signUp(suite.stack, { displayName, password: PASSWORD });
  const signed = await suite.signedIn(user, { locale, ready: (page) => subscriptionMessageSent(page, 'notificationAdded') });
  return { user, ...signed };
}

const follow = (who: TestUser, id: string) =>
  gql(suite.stack, 'mutation($id: ID!) { followUser(userId: $id) { userErrors { message } } }', { id }, { token: who.token });

describe('friends and notifications in the browser', () => {
  it('sends a friend request that the other person sees live, accepts it from the notification, and both are friends', async () => {
    const a = await person('Alice Kim');
    const { user: bUser, page: b, errors: bErrors } = await person('Bora Lee');
    expect(await b.getByTestId('bell-count').count()).toBe(0);

    // A asks from B's profile; the button shows the new state at once.
    await a.page.goto(`/u/${bUser.username}`);
    await a.page.getByTestId('relation-send').click();
    await expect.poll(() => a.page.getByTestId('relation-state').textContent()).toContain('Request sent');
    await a.page.getByTestId('relation-cancel').waitFor();
    await expect.poll(() => a.page.getByTestId('relation-done').textContent()).toBe('Friend request sent.');

    // B's bell counts it and a toast says so, without a reload.
    await expect.poll(() => b.getByTestId('bell-count').textContent()).toBe('1');
    expect(await b.getByTestId('bell').getAttribute('aria-label')).toBe('Notifications, 1 unread');
    const toast = b.getByTestId('toast');
    await toast.getByText('Alice Kim sent you a friend request.').waitFor();
    expect(await b.getByTestId('toasts').getAttribute('role')).toBe('status');
    // Held while the pointer is on it, gone about 5 s after it leaves.
    await toast.hover();
    await b.waitForTimeout(6000);
    expect(await toast.count()).toBe(1);
    await b.mouse.move(10, 700);
    await expect.poll(() => toast.count(), { timeout: 8000 }).toBe(0);

    // B opens the notification (it is read now) and accepts on A's profile.
    await b.getByTestId('bell').click();
    await b.getByTestId('bell-panel').getByTestId('notification-FRIEND_REQUEST').click();
    await b.waitForURL((url) => url.pathname === `/u/${a.user.username}`);
    await expect.poll(() => b.getByTestId('bell-count').count()).toBe(0);
    await b.getByText('Alice Kim sent you a friend request.', { exact: true }).and(b.locator('p')).waitFor();
    await b.getByTestId('relation-accept').click();
    await expect.poll(() => b.getByTestId('relation-state').textContent()).toContain('Friends');
    // Unfriend sits in the "Friends ▾" menu of the one relationship control.
    await b.getByTestId('relation-friends-more').click();
    await b.getByTestId('relation-friends-menu-unfriend').waitFor();
    await b.keyboard.press('Escape');

    // A's open profile of B follows along live (FRIEND_ACCEPTED), and A's bell and toast say so.
    await expect.poll(() => a.page.getByTestId('relation-state').textContent()).toContain('Friends');
    await expect.poll(() => a.page.getByTestId('bell-count').textContent()).toBe('1');
    await a.page.getByTestId('toast').getByText('Bora Lee accepted your friend request.').waitFor();

    // Both friends lists, opened from the profile counts.
    await expect.poll(() => a.page.getByTestId('stat-friends').textContent()).toBe('1');
    await a.page.getByTestId('stat-friends').click();
    await a.page.waitForURL((url) => url.pathname === `/u/${bUser.username}/friends`);
    await a.page.getByTestId('list-list').getByText('Alice Kim').waitFor();
    await b.getByTestId('stat-friends').click();
    await b.getByTestId('list-list').getByText('Bora Lee').waitFor();

    // The notifications page: A reads everything at once.
    await a.page.goto('/notifications');
    const accepted = a.page.getByTestId('notifications-list').getByTestId('notification-FRIEND_ACCEPTED');
    await accepted.waitFor();
    expect(await accepted.getAttribute('data-read')).toBe('false');
    await a.page.getByTestId('notifications-mark-all').click();
    await expect.poll(() => a.page.getByTestId('bell-count').count()).toBe(0);
    expect(await accepted.getAttribute('data-read')).toBe('true');
    await a.page.reload();
    await accepted.waitFor();
    expect(await accepted.getAttribute('data-read')).toBe('true');
    expect(await a.page.getByTestId('bell-count').count()).toBe(0);

    expect([...a.errors, ...bErrors]).toEqual([]);
  });

  it('answers and cancels requests on the requests page', async () => {
    const b = await person('Bora Lee');
    const c = await signUp(suite.stack, { displayName: 'Chan Park', password: PASSWORD });
    const d = await signUp(suite.stack, { displayName: 'Dana Choi', password: PASSWORD });
    const e = await signUp(suite.stack, { displayName: 'Eun Seo', password: PASSWORD });
    for (const sender of [c, d]) {
      const res = await gql(
        suite.stack,
        'mutation($id: ID!) { sendFriendRequest(userId: $id) { userErrors { message } } }',
        { id: b.user.id },
        { token: sender.token },
      );
      expect(res.data.sendFriendRequest.userErrors).toEqual([]);
    }

    await b.page.goto('/friends/requests');
    await expect.poll(() => b.page.getByTestId('friend-request').count()).toBe(2);
    expect(await b.page.getByTestId('requests-tab-incoming').getAttribute('aria-selected')).toBe('true');
    await b.page.getByTestId('friend-request').filter({ hasText: 'Chan Park' }).getByTestId('request-accept').click();
    await b.page.getByTestId('friend-request').filter({ hasText: 'Dana Choi' }).getByTestId('request-decline').click();
    await b.page.getByTestId('requests-empty').waitFor();

    // Sent requests: one from a profile, cancelled from the Sent tab (reached with the arrow key).
    await b.page.goto(`/u/${e.username}`);
    await b.page.getByTestId('relation-send').click();
    await b.page.getByTestId('relation-cancel').waitFor();
    await b.page.goto('/friends/requests');
    await b.page.getByTestId('requests-tab-incoming').focus();
    await b.page.keyboard.press('ArrowRight');
    await b.page.waitForURL((url) => url.searchParams.get('tab') === 'outgoing');
    expect(await b.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('requests-tab-outgoing');
    await b.page.getByTestId('friend-request').filter({ hasText: 'Eun Seo' }).getByTestId('request-cancel').click();
    await b.page.getByTestId('requests-empty').waitFor();

    await b.page.goto(`/u/${b.user.username}`);
    await expect.poll(() => b.page.getByTestId('stat-friends').textContent()).toBe('1');
    await b.page.goto(`/u/${e.username}`);
    await b.page.getByTestId('relation-send').waitFor();
    expect(b.errors).toEqual([]);
  });

  it('follows, unfollows and blocks behind a confirmation (in Korean)', async () => {
    const a = await person('김민아', 'ko-KR');
    const star = await signUp(suite.stack, { displayName: '이서준', password: PASSWORD });
    // 24 other followers, so the list needs a second page.
    const fans = await Promise.all(Array.from({ length: 24 }, (_, i) => signUp(suite.stack, { displayName: `팬 ${i + 1}` })));
    await Promise.all(fans.map((fan) => follow(fan, star.id)));

    await a.page.goto(`/u/${star.username}`);
    await expect.poll(() => a.page.getByTestId('stat-followers').textContent()).toBe('24');
    await a.page.getByTestId('relation-follow').click();
    await a.page.getByTestId('relation-unfollow').waitFor();
    expect(await a.page.getByTestId('relation-unfollow').textContent()).toContain('언팔로우');
    await expect.poll(() => a.page.getByTestId('stat-followers').textContent()).toBe('25');

    // The followers list scrolls into its second page.
    await a.page.getByTestId('stat-followers').click();
    await a.page.getByTestId('list-title').getByText('이서준님의 팔로워').waitFor();
    await expect.poll(() => a.page.getByTestId('person').count()).toBe(20);
    await a.page.getByTestId('list-load-more').scrollIntoViewIfNeeded();
    await expect.poll(() => a.page.getByTestId('person').count()).toBe(25);
    await a.page.getByTestId('list-list').getByText('김민아').waitFor();
    expect(await a.page.getByTestId('list-load-more').count()).toBe(0);

    await a.page.getByRole('link', { name: '프로필로 돌아가기' }).click();
    await a.page.getByTestId('relation-unfollow').click();
    await a.page.getByTestId('relation-follow').waitFor();
    await expect.poll(() => a.page.getByTestId('stat-followers').textContent()).toBe('24');

    // Block: behind the "more" menu and a dialog; Escape changes nothing and gives the focus back.
    await a.page.getByTestId('relation-send').click();
    await a.page.getByTestId('relation-cancel').waitFor();
    await a.page.getByTestId('relation-more').click();
    expect(await a.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('relation-menu-block');
    await a.page.keyboard.press('Enter');
    const dialog = a.page.getByTestId('confirm-dialog');
    await dialog.getByText('이서준님을 차단할까요?').waitFor();
    await a.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await a.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('relation-more');
    expect(await a.page.getByTestId('relation-blocked').count()).toBe(0);

    await a.page.getByTestId('relation-more').click();
    await a.page.getByTestId('relation-menu-block').click();
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await a.page.getByTestId('relation-blocked').getByText('내가 차단한 사용자입니다.').waitFor();
    // The screen shows the block at once; the server has it once the success is announced.
    await expect.poll(() => a.page.getByTestId('relation-done').textContent()).toBe('차단했습니다.');
    expect(await a.page.getByTestId('relation-follow').count()).toBe(0);
    expect(await a.page.getByTestId('relation-cancel').count()).toBe(0);
    const relation = await gql(
      suite.stack,
      'query($id: ID!) { user(id: $id) { friendshipStatus viewerHasBlocked } }',
      { id: star.id },
      { token: a.user.token },
    );
    expect(relation.data.user).toEqual({ friendshipStatus: 'NONE', viewerHasBlocked: true });

    // The blocked user cannot follow back; unblocking through the same menu.
    const refused = await follow(star, a.user.id);
    expect(refused.data.followUser.userErrors).toHaveLength(1);
    await a.page.getByTestId('relation-more').click();
    await a.page.getByTestId('relation-menu-unblock').click();
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await a.page.getByTestId('relation-send').waitFor();
    await a.page.getByTestId('relation-follow').waitFor();
    expect(a.errors).toEqual([]);
  });
});
