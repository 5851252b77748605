import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { as, LOG, makeStaff } from '../api/src/features/moderation/reports.testkit';
import { createPost } from '../api/src/features/posts/posts.testkit';
import { signUp, type TestUser } from '../api/src/test/client';
import { useBrowserSuite } from './lib/suite';

// The admin console's lists and detail views in the browser, against the real API and a built client:
// `(cd client && npx vite build --outDir /tmp/adminlists-dist)`, then run with CLIENT_DIST=/tmp/adminlists-dist.
const suite = useBrowserSuite();
const signedIn = (user: TestUser, { locale = 'en-US', viewport }: { locale?: string; viewport?: { width: number; height: number } } = {}) =>
  suite.signedIn(user, { locale, viewport });

const userRow = (page: Page, username: string) => page.getByTestId(`admin-user-row-${username}`);

/** Answers the reason dialog (the one AdminActionDialog) and waits for it to close. */
async function giveReason(page: Page, reason: string) {
  const dialog = page.getByTestId('admin-action-dialog');
  await dialog.waitFor();
  await page.getByTestId('admin-action-reason').fill(reason);
  await page.getByTestId('admin-action-submit').click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

describe('admin lists', () => {
  it('an admin finds a user by e-mail, suspends and reinstates them, makes a member a moderator; the moderator sees no role control', async () => {
    const admin = await makeStaff(suite.stack, await signUp(suite.stack, { displayName: 'Ada Admin' }), 'ADMIN');
    const email = `spam-${Date.now()}@example.org`;
    const spammer = await signUp(suite.stack, { displayName: 'Sam Spammer', email });
    const member = await signUp(suite.stack, { displayName: 'Mina Member' });

    const { page, errors } = await signedIn(admin);
    await page.goto(`${suite.stack.baseUrl}/admin/users`);
    await page.getByTestId('admin-users-search').fill(email);
    // The search is in the address and the list holds exactly that person.
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(email);
    await expect.poll(() => page.getByTestId('admin-users-status').textContent()).toBe('1 result');
    await userRow(page, spammer.username).getByRole('link', { name: 'Sam Spammer' }).click();
    expect(await page.getByTestId('admin-user-email').textContent()).toBe(email);

    // Suspend with a reason: the status, the list and the log say so.
    await page.getByTestId('admin-user-suspend').click();
    await giveReason(page, 'Posting the same ad everywhere');
    await expect.poll(() => page.getByTestId('admin-user-status').textContent()).toBe('Suspended');
    const history = page.getByTestId('admin-history-entry');
    await expect.poll(() => history.first().textContent()).toContain('Posting the same ad everywhere');
    const log = await as(suite.stack, admin, LOG);
    expect(log.data.moderationLog.nodes).toContainEqual(
      expect.objectContaining({ type: 'SUSPEND_USER', subjectId: spammer.id, reason: 'Posting the same ad everywhere' }),
    );
    await page.goBack();
    await expect.poll(() => userRow(page, spammer.username).getByTestId('admin-badge-suspended').count()).toBe(1);
    // The status filter, in the address too.
    await page.getByTestId('admin-users-search').fill('');
    await page.getByTestId('admin-users-filter-status').selectOption('SUSPENDED');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('SUSPENDED');
    await userRow(page, spammer.username).waitFor();
    expect(await userRow(page, member.username).count()).toBe(0);

    // Reinstate.
    await userRow(page, spammer.username).getByRole('link', { name: 'Sam Spammer' }).click();
    await page.getByTestId('admin-user-reinstate').click();
    await expect.poll(() => page.getByTestId('admin-user-status').textContent()).toBe('Active');

    // A member becomes a moderator.
    await page.goto(`${suite.stack.baseUrl}/admin/users?q=${member.username}`);
    await userRow(page, member.username).getByRole('link', { name: 'Mina Member' }).click();
    await page.getByTestId('admin-user-role').selectOption('MODERATOR');
    await page.getByTestId('admin-user-role-save').click();
    await expect
      .poll(async () => (await as(suite.stack, admin, `query($id: ID!) { user(id: $id) { role } }`, { id: member.id })).data.user.role)
      .toBe('MODERATOR');
    await page.getByTestId('admin-badge-moderator').waitFor();

    // The last admin cannot demote themself: the API's refusal in words, the role stays.
    await page.goto(`${suite.stack.baseUrl}/admin/users/${encodeURIComponent(admin.id)}`);
    await page.getByTestId('admin-user-role').selectOption('MEMBER');
    await page.getByTestId('admin-user-role-save').click();
    await page.getByTestId('admin-toast').filter({ hasText: 'would leave no admin' }).waitFor();
    expect(await page.getByTestId('admin-user-role').inputValue()).toBe('ADMIN');
    expect(errors).toEqual([]);

    // The new moderator can open the same page but has no role control; suspension is there.
    const mod = await signedIn(member);
    await mod.page.goto(`${suite.stack.baseUrl}/admin/users/${encodeURIComponent(spammer.id)}`);
    await mod.page.getByTestId('admin-user-suspend').waitFor();
    expect(await mod.page.getByTestId('admin-user-role').count()).toBe(0);
    expect(mod.errors).toEqual([]);
  });

  it('a moderator removes a post from its detail page; the REMOVED filter lists it; phones get cards; Korean labels', async () => {
    const mod = await makeStaff(suite.stack, await signUp(suite.stack, { displayName: 'Momo Moderator' }));
    const author = await signUp(suite.stack, { displayName: 'Pat Poster' });
    const title = `Cheap watches ${Date.now()}`;
    const post = await createPost(suite.stack, author, { title });
    const kept = await createPost(suite.stack, author, { title: 'A sunny day' });

    const { page, errors } = await signedIn(mod);
    await page.goto(`${suite.stack.baseUrl}/admin/posts?q=${encodeURIComponent(title)}`);
    const row = page.locator(`[data-post-id="${post.id}"]`);
    await row.getByRole('link', { name: title }).click();
    await page.getByTestId('admin-post-remove').click();
    await giveReason(page, 'Spam');
    await expect.poll(() => page.getByTestId('admin-post-status').textContent()).toContain('Removed on');
    await page.getByTestId('admin-post-restore').waitFor();

    await page.goto(`${suite.stack.baseUrl}/admin/posts`);
    await page.getByTestId('admin-posts-filter-status').selectOption('REMOVED');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('REMOVED');
    await row.getByTestId('admin-badge-removed').waitFor();
    await page.getByTestId('admin-posts-filter-status').selectOption('VISIBLE');
    await page.locator(`[data-post-id="${kept.id}"]`).waitFor();
    expect(await row.count()).toBe(0);
    // Its author's page lists it among their recent posts, removed.
    await page.locator(`[data-post-id="${kept.id}"]`).getByRole('link', { name: 'Pat Poster' }).click();
    await page.getByTestId('admin-user-posts-list').locator(`[data-post-id="${post.id}"]`).getByTestId('admin-badge-removed').waitFor();
    expect(errors).toEqual([]);

    // A phone: the same list as cards (the table header is only for screen readers), nothing wider than the screen.
    const phone = await signedIn(mod, { viewport: { width: 390, height: 844 } });
    await phone.page.goto(`${suite.stack.baseUrl}/admin/posts?status=REMOVED`);
    const card = phone.page.locator(`[data-post-id="${post.id}"]`);
    await card.waitFor();
    expect(await card.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    expect(
      await phone.page
        .getByTestId('admin-posts-table')
        .locator('thead')
        .evaluate((el) => el.getBoundingClientRect().width),
    ).toBeLessThanOrEqual(1);
    // (The app header's own links overflow at 390 px on every page; the console itself must not.)
    const table = phone.page.getByTestId('admin-posts-table');
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= 390)).toBe(true);
    expect(await phone.page.getByTestId('admin-console').evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(390);

    // Korean.
    const ko = await signedIn(mod, { locale: 'ko-KR' });
    await ko.page.goto(`${suite.stack.baseUrl}/admin/users`);
    await ko.page.getByRole('heading', { name: '사용자', level: 1 }).waitFor();
    await ko.page.getByLabel('사용자 검색').waitFor();
    expect(await ko.page.getByTestId('admin-users-filter-role').locator('option').allTextContents()).toEqual([
      '전체',
      '회원',
      '운영자',
      '관리자',
    ]);
    expect(ko.errors).toEqual([]);
  });

  it('comments are removed and restored in their row; a room is ended and removed from its detail page', async () => {
    const mod = await makeStaff(suite.stack, await signUp(suite.stack, { displayName: 'Mo Two' }));
    const author = await signUp(suite.stack, { displayName: 'Cora Commenter' });
    const post = await createPost(suite.stack, author, { title: 'Lunch spots' });
    const added = await as(suite.stack, author, 'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }', {
      input: { postId: post.id, body: 'Visit my shop!!!' },
    });
    const commentId: string = added.data.addComment.comment.id;
    const created = await as(suite.stack, author, 'mutation($input: CreateRoomInput!) { createRoom(input: $input) { room { id } } }', {
      input: { title: 'Night owls', visibility: 'PUBLIC' },
    });
    const roomId: string = created.data.createRoom.room.id;

    const { page, errors } = await signedIn(mod);
    await page.goto(`${suite.stack.baseUrl}/admin/posts/${encodeURIComponent(post.id)}`);
    const comment = page.getByTestId('admin-post-comments-list').locator(`[data-comment-id="${commentId}"]`);
    await comment.getByTestId('admin-comment-remove').click();
    await giveReason(page, 'Advertising');
    await comment.getByTestId('admin-badge-removed').waitFor();
    // The comments list's REMOVED filter has it, with a link to its post.
    await page.goto(`${suite.stack.baseUrl}/admin/comments?status=REMOVED`);
    const listed = page.locator(`[data-comment-id="${commentId}"]`);
    await listed.getByRole('link', { name: 'Lunch spots' }).waitFor();
    await listed.getByTestId('admin-comment-restore').click();
    await expect.poll(() => listed.count()).toBe(0);

    // The room: open, then ended (closed), then removed; the state filter follows.
    await page.goto(`${suite.stack.baseUrl}/admin/rooms`);
    await page.getByTestId('admin-rooms-filter-state').selectOption('OPEN');
    await page.locator(`[data-room-id="${roomId}"]`).getByRole('link', { name: 'Night owls' }).click();
    await page.getByTestId('admin-room-end').click();
    await giveReason(page, 'Abusive stream');
    await page.getByTestId('admin-badge-closed').waitFor();
    expect(await page.getByTestId('admin-room-end').count()).toBe(0);
    await page.getByTestId('admin-room-remove').click();
    await giveReason(page, 'Abusive stream');
    await page.getByTestId('admin-badge-removed').waitFor();
    await page.getByTestId('admin-history-entry').nth(1).waitFor();
    await page.goto(`${suite.stack.baseUrl}/admin/rooms?state=REMOVED`);
    await page.locator(`[data-room-id="${roomId}"]`).waitFor();
    expect(errors).toEqual([]);
  });
});
