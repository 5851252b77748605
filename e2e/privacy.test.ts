import { describe, expect, it } from 'vitest';
import { gql, signUp, type TestUser } from '../api/src/test/client';
import { createPost } from '../api/src/features/posts/posts.testkit';
import { evidence, horizontalOverflow } from './lib/layout';
import { PASSWORD, subscriptionMessageSent, useBrowserSuite, type SignedInPage } from './lib/suite';

// Private accounts, the one relationship control of a profile, and blocked profiles, in real browsers.
const suite = useBrowserSuite();

async function person(displayName: string, viewport?: { width: number; height: number }): Promise<SignedInPage & { user: TestUser }> {
  const user = await signUp(suite.stack, { displayName, password: PASSWORD });
  const signed = await suite.signedIn(user, { viewport, ready: (page) => subscriptionMessageSent(page, 'notificationAdded') });
  return { user, ...signed };
}

const api = (who: TestUser, query: string, variables: Record<string, unknown> = {}) =>
  gql(suite.stack, query, variables, { token: who.token });

describe('private accounts', () => {
  it('hide the posts from a stranger until the owner approves their follow request', async () => {
    const owner = await person('Mina Private');
    const stranger = await person('Sora Stranger', { width: 390, height: 844 });

    // The owner makes the account private in the settings.
    await owner.page.goto('/settings/profile');
    const toggle = owner.page.getByTestId('privacy-switch');
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => owner.page.getByTestId('privacy-saved').textContent()).toBe('Your account is private now.');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    // The e-mail change form sends a link to the new address (the change itself is tested over SMTP in the API).
    await owner.page.getByLabel('New e-mail address').fill(`mina.${owner.user.username}@example.org`);
    await owner.page.getByTestId('email-form').getByLabel('Current password').fill(PASSWORD);
    await owner.page.getByRole('button', { name: 'Send confirmation link' }).click();
    await owner.page.getByText(`We sent a link to mina.${owner.user.username}@example.org.`).waitFor();
    await evidence(owner.page, 'privacy-settings-1280');
    const post = await createPost(suite.stack, owner.user, { title: 'Only for my people' });
    expect(post.id).toBeTruthy();

    // The stranger sees the name and counts, "This account is private", and no posts.
    await stranger.page.goto(`/u/${owner.user.username}`);
    await stranger.page.getByTestId('profile-private').getByText('This account is private').waitFor();
    await stranger.page.getByTestId('profile-stats').waitFor();
    expect(await stranger.page.getByTestId('profile-post').count()).toBe(0);
    expect(await stranger.page.getByTestId('profile-private-badge').textContent()).toContain('Private account');
    const follow = stranger.page.getByTestId('relation-follow');
    expect(await follow.textContent()).toContain('Request to follow');
    expect(await stranger.page.getByTestId('relation-hint').textContent()).toContain('This account is private');
    expect((await horizontalOverflow(stranger.page)).excess).toBe(0);
    await evidence(stranger.page, 'privacy-private-profile-390');
    await follow.click();
    await expect.poll(() => stranger.page.getByTestId('relation-follow-requested').textContent()).toContain('Requested');
    await expect.poll(() => stranger.page.getByTestId('relation-done').textContent()).toBe('Follow request sent.');
    expect(await stranger.page.getByTestId('profile-post').count()).toBe(0);

    // The owner is told and approves it among the requests.
    await expect.poll(() => owner.page.getByTestId('bell-count').textContent()).toBe('1');
    await owner.page.goto('/friends/requests');
    const row = owner.page.getByTestId('follow-request').filter({ hasText: 'Sora Stranger' });
    await row.getByTestId('follow-request-approve').click();
    await expect.poll(() => owner.page.getByTestId('follow-requests-done').textContent()).toBe('Approved: Sora Stranger now follows you.');
    await expect.poll(() => owner.page.getByTestId('follow-request').count()).toBe(0);

    // The stranger is told, and the posts show.
    await expect.poll(() => stranger.page.getByTestId('bell-count').textContent()).toBe('1');
    await stranger.page.reload();
    await stranger.page.getByTestId('profile-post').first().waitFor();
    expect(await stranger.page.getByTestId('profile-private').count()).toBe(0);
    expect(await stranger.page.getByTestId('relation-unfollow').textContent()).toContain('Unfollow');
    expect((await horizontalOverflow(stranger.page)).excess).toBe(0);
    expect([...owner.errors, ...stranger.errors]).toEqual([]);
  });
});

describe('the relationship control', () => {
  it('says the state in one primary button, with Follow, Message and the menu beside it', async () => {
    const a = await person('Ara Control');
    const b = await signUp(suite.stack, { displayName: 'Bomi Other', password: PASSWORD });
    const c = await signUp(suite.stack, { displayName: 'Chan Asker', password: PASSWORD });
    await a.page.goto(`/u/${b.username}`);

    // Strangers: Add friend (primary), Follow with its explanation, Message, ⋯.
    expect(await a.page.getByTestId('relation-send').textContent()).toContain('Add friend');
    expect(await a.page.getByTestId('relation-follow').textContent()).toContain('Follow');
    expect(await a.page.getByTestId('relation-hint').textContent()).toContain('Following shows their posts in your feed');
    expect(await a.page.getByTestId('relation-message').getAttribute('href')).toBe(`/messages/to/${b.id}`);
    await a.page.getByTestId('relation-more').click();
    await a.page.getByTestId('relation-menu-block').waitFor();
    await a.page.getByTestId('relation-menu-report').waitFor();
    await a.page.keyboard.press('Escape');

    // Sent: the button says so and cancels.
    await a.page.getByTestId('relation-send').click();
    await expect.poll(() => a.page.getByTestId('relation-cancel').textContent()).toMatch(/Request sent\s*· Cancel/);
    expect(await a.page.getByTestId('relation-send').count()).toBe(0);
    await expect.poll(() => a.page.getByTestId('relation-done').textContent()).toBe('Friend request sent.');

    // Friends: "✓ Friends ▾" holds Follow and Unfriend; Follow leaves the row.
    const requests = await api(b, 'query { friendRequests(direction: INCOMING) { nodes { id } } }');
    const requestId = requests.data.friendRequests.nodes[0].id;
    await api(b, 'mutation($id: ID!) { acceptFriendRequest(requestId: $id) { userErrors { code } } }', { id: requestId });
    await a.page.reload();
    await a.page.getByTestId('relation-friends-more').click();
    await a.page.getByTestId('relation-friends-menu-follow').waitFor();
    await evidence(a.page, 'privacy-friends-menu-1280');
    expect(await a.page.getByTestId('relation-follow').count()).toBe(0);
    await a.page.getByTestId('relation-friends-menu-unfriend').click();
    const dialog = a.page.getByTestId('confirm-dialog');
    await dialog.getByText('Remove Bomi Other from your friends?').waitFor();
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await a.page.getByTestId('relation-send').waitFor();

    // Received: Accept and Decline.
    await api(c, 'mutation($id: ID!) { sendFriendRequest(userId: $id) { userErrors { code } } }', { id: a.user.id });
    await a.page.goto(`/u/${c.username}`);
    await a.page.getByTestId('relation-actions').getByText('Chan Asker sent you a friend request.').waitFor();
    await a.page.getByTestId('relation-accept').waitFor();
    await a.page.getByTestId('relation-decline').click();
    await a.page.getByTestId('relation-send').waitFor();
    expect(a.errors).toEqual([]);
  });
});

describe('blocked profiles', () => {
  it('are unavailable to the blocked person and show only "You blocked …" + Unblock to the blocker', async () => {
    const blocker = await person('Dami Blocker');
    const blocked = await person('Eun Blocked');
    await createPost(suite.stack, blocked.user, { title: 'Not for blockers' });
    await api(blocker.user, 'mutation($id: ID!) { blockUser(userId: $id) { userErrors { code } } }', { id: blocked.user.id });

    await blocked.page.goto(`/u/${blocker.user.username}`);
    await blocked.page.getByTestId('profile-unavailable').getByText('This profile isn’t available').waitFor();
    expect(await blocked.page.getByTestId('profile-stats').count()).toBe(0);
    expect(await blocked.page.getByTestId('relation-actions').count()).toBe(0);

    await blocker.page.goto(`/u/${blocked.user.username}`);
    await blocker.page.getByTestId('profile-you-blocked').getByText('You blocked Eun Blocked').waitFor();
    await blocker.page.getByTestId('relation-unblock').waitFor();
    await evidence(blocker.page, 'privacy-you-blocked-1280');
    expect(await blocker.page.getByTestId('profile-stats').count()).toBe(0);
    expect(await blocker.page.getByTestId('profile-post').count()).toBe(0);
    expect(await blocker.page.getByTestId('relation-send').count()).toBe(0);
    expect(await blocker.page.getByTestId('relation-follow').count()).toBe(0);

    // Unblocking brings the ordinary profile back.
    await blocker.page.getByTestId('relation-unblock').click();
    await blocker.page.getByTestId('confirm-dialog').getByTestId('confirm-dialog-confirm').click();
    await blocker.page.getByTestId('relation-send').waitFor();
    await expect.poll(() => blocker.page.getByTestId('relation-done').textContent()).toBe('Unblocked.');
    await blocker.page.getByTestId('profile-post').first().waitFor();
    expect([...blocker.errors, ...blocked.errors]).toEqual([]);
  });
});
