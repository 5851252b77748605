import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { as, makeStaff, REPORTS } from '../api/src/features/moderation/reports.testkit';
import { createRoom } from '../api/src/features/facechat/facechat.testkit';
import { befriend, createPost } from '../api/src/features/posts/posts.testkit';
import { signUp } from '../api/src/test/client';
import { useBrowserSuite } from './lib/suite';

// Reporting from the menus in the browser against the real API and a built client.
const suite = useBrowserSuite();
const signedIn = suite.signedIn;

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

const ROOM_REPORTS = `query { reports(status: OPEN, first: 50) { nodes { reason reporter { id }
  subject { __typename ... on FacechatRoom { id } } } } }`;

describe('reporting in the browser', () => {
  it("B reports A's post from its menu, sees the thank-you toast, cannot report it twice; staff see the report", async () => {
    const a = await signUp(suite.stack, { displayName: '김하늘' });
    const b = await signUp(suite.stack, { displayName: 'Minho Lee' });
    await befriend(suite.stack, a, b);
    const post = await createPost(suite.stack, a, { title: 'Buy cheap watches' });
    const added = await as(suite.stack, a, 'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }', {
      input: { postId: post.id, body: 'Only 9.99!' },
    });
    const commentId: string = added.data.addComment.comment.id;

    const { page, errors } = await signedIn(b);
    await page.goto(`${suite.stack.baseUrl}/p/${encodeURIComponent(post.id)}`);
    await page.getByTestId('post-title').waitFor();

    // The menu opens on the Report item; the dialog is modal, labelled, and Escape closes it.
    await page.getByTestId('post-more').click();
    await page.getByTestId('post-menu-report').click();
    const dialog = page.getByRole('dialog', { name: 'Report this post' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await focused(page)).toBe('post-more');

    // No reason: told to choose one. Then spam with a comment: thanks, closed, focus back on the menu.
    await page.getByTestId('post-more').click();
    await page.getByTestId('post-menu-report').click();
    await dialog.waitFor();
    await page.getByTestId('report-submit').click();
    expect(await page.getByTestId('report-error').textContent()).toBe('Choose a reason.');
    await dialog.getByRole('radio', { name: 'Spam' }).check();
    await page.getByTestId('report-comment').fill('Same ad in every group.');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-toast').filter({ hasText: 'Thanks — our moderators will review it' }).waitFor();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await focused(page)).toBe('post-more');

    // Twice: the API's CONFLICT in the user's words, the dialog stays open.
    await page.getByTestId('post-more').click();
    await page.getByTestId('post-menu-report').click();
    await dialog.getByRole('radio', { name: 'Spam' }).check();
    await page.getByTestId('report-submit').click();
    await expect.poll(() => page.getByTestId('report-error').textContent()).toBe('You already reported this');
    await page.getByTestId('report-cancel').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // A's comment, from its "Report" button.
    await page.locator(`[data-comment-id="${commentId}"]`).getByTestId('comment-report').click();
    const commentDialog = page.getByRole('dialog', { name: 'Report this comment' });
    await commentDialog.waitFor();
    await commentDialog.getByRole('radio', { name: 'Something else' }).check();
    await page.getByTestId('report-submit').click();
    await expect.poll(() => commentDialog.isVisible()).toBe(false);

    // The person too, from the profile's more menu (named in the title); never one's own post.
    await page.goto(`${suite.stack.baseUrl}/u/${a.username}`);
    await page.getByTestId('relation-more').click();
    await page.getByTestId('relation-menu-report').click();
    await page.getByRole('dialog', { name: 'Report 김하늘' }).waitFor();
    await page.keyboard.press('Escape');
    const own = await createPost(suite.stack, b, { title: 'Mine' });
    await page.goto(`${suite.stack.baseUrl}/p/${encodeURIComponent(own.id)}`);
    await page.getByTestId('post-title').waitFor();
    expect(await page.getByTestId('post-more').count()).toBe(0);
    expect(errors).toEqual([]);

    // Staff see it.
    const staff = await makeStaff(suite.stack, await signUp(suite.stack));
    const res = await as(suite.stack, staff, REPORTS, { status: 'OPEN' });
    const mine = res.data.reports.nodes.filter((r: { subject: { id: string } | null }) => r.subject?.id === post.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ reason: 'SPAM', comment: 'Same ad in every group.', reporter: { id: b.id } });
  });

  it('reports a room from its card in the lobby, named in the dialog; the host has no Report on their own room', async () => {
    const host = await signUp(suite.stack, { displayName: 'Host Yuna' });
    const guest = await signUp(suite.stack, { displayName: 'Guest Jin' });
    const room = await createRoom(suite.stack, host, { title: 'Crypto giveaway 24/7' });

    const { page, errors } = await signedIn(guest);
    await page.goto('/rooms');
    const card = page.locator(`[data-testid=room-card][data-room-id="${room.id}"]`);
    await card.getByTestId('room-more').click();
    await card.getByTestId('room-menu-report').click();
    const dialog = page.getByRole('dialog', { name: 'Report the room “Crypto giveaway 24/7”' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'Spam' }).check();
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-toast').filter({ hasText: 'Thanks — our moderators will review it' }).waitFor();
    expect(await focused(page)).toBe('room-more');

    const staff = await makeStaff(suite.stack, await signUp(suite.stack));
    const res = await as(suite.stack, staff, ROOM_REPORTS);
    const about = res.data.reports.nodes.filter((r: { subject: { id: string } | null }) => r.subject?.id === room.id);
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ reason: 'SPAM', reporter: { id: guest.id } });

    const own = await signedIn(host);
    await own.page.goto('/rooms');
    await own.page.locator(`[data-testid=room-card][data-room-id="${room.id}"]`).waitFor();
    expect(await own.page.locator(`[data-testid=room-card][data-room-id="${room.id}"]`).getByTestId('room-more').count()).toBe(0);
    expect([...errors, ...own.errors]).toEqual([]);
  });
});
