import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { as, makeStaff } from '../api/src/features/moderation/reports.testkit';
import { befriend, createPost } from '../api/src/features/posts/posts.testkit';
import { signUp, type TestUser } from '../api/src/test/client';
import { PASSWORD, subscriptionMessageSent, useBrowserSuite } from './lib/suite';

// The admin console against the real API and a built client (`npm run build -w client`, or a private build
// with CLIENT_DIST=…): the reports queue live, a removal in one click, the log and the dashboard.
const suite = useBrowserSuite();
const PHONE = { width: 390, height: 844 };

/** Signed in, home open, once the page listens for what `listens` names (notifications by default). */
const signedIn = (user: TestUser, { phone = false, listens = ['notificationAdded'], locale = 'en-US' } = {}) =>
  suite.signedIn(user, {
    locale,
    viewport: phone ? PHONE : undefined,
    ready: (page) => Promise.all(listens.map((name) => subscriptionMessageSent(page, name))),
  });

const person = (displayName: string) => signUp(suite.stack, { displayName, password: PASSWORD });
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
/** The elements of the section `testid` sticking out to the right of a phone's screen (none: nothing cut off). */
const overflowsX = (page: Page, testid: string) =>
  page.evaluate(
    (id) =>
      [...document.querySelectorAll(`[data-testid="${id}"], [data-testid="${id}"] *`)]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map((el) => `${el.tagName} ${el.getAttribute('data-testid') ?? el.className}`.slice(0, 80))
        .slice(0, 5),
    testid,
  );

describe('the admin console in the browser', () => {
  it('a report arrives live in the queue, the post is removed in one click with a reason, the reporter hears back, the log shows it', async () => {
    const author = await person('Spammy Sam');
    const reporter = await person('Bora Lee');
    const reader = await person('Chul Park');
    await befriend(suite.stack, author, reporter);
    await befriend(suite.stack, author, reader);
    const post = await createPost(suite.stack, author, { title: 'Buy cheap watches', body: 'Only 9.99 at my shop' });
    const moderator = await makeStaff(suite.stack, await person('Mona Mod'));

    // The moderator has the queue open (on a phone) and is listening; the reader has the feed open.
    const mod = await signedIn(moderator, { phone: true });
    const live = subscriptionMessageSent(mod.page, 'reportAdded');
    await mod.page.goto('/admin/reports');
    await mod.page.getByTestId('admin-reports').waitFor();
    await live;
    await mod.page.getByTestId('admin-reports-list-empty').waitFor();
    const read = await signedIn(reader, { listens: ['notificationAdded', 'contentRemoved'] });
    const card = read.page.locator(`[data-testid=post-card][data-post-id="${post.id}"]`);
    await card.waitFor();

    // The reporter reports the post from its menu.
    const rep = await signedIn(reporter);
    await rep.page.goto(`/p/${encodeURIComponent(post.id)}`);
    await rep.page.getByTestId('post-more').click();
    await rep.page.getByTestId('post-menu-report').click();
    await rep.page.getByRole('dialog', { name: 'Report this post' }).getByRole('radio', { name: 'Spam' }).check();
    await rep.page.getByTestId('report-comment').fill('Same ad in every group.');
    await rep.page.getByTestId('report-submit').click();
    await rep.page.getByTestId('report-toast').waitFor();

    // It arrives at once: a new group, announced, with the reason, the reporter's words and the post in context.
    const group = mod.page.locator(`[data-testid=admin-report-group][data-subject-id="${post.id}"]`);
    await group.waitFor();
    expect(await group.getAttribute('data-fresh')).toBe('true');
    await expect.poll(() => mod.page.getByTestId('admin-reports-live').textContent()).toBe('New report: Post, Spam');
    expect(await group.getByTestId('admin-report-count').textContent()).toBe('1 report');
    expect(await group.getByTestId('admin-report-comment').textContent()).toBe('Same ad in every group.');
    expect(await group.getByTestId('admin-subject-body').textContent()).toBe('Only 9.99 at my shop');
    expect(await overflowsX(mod.page, 'admin-reports')).toEqual([]);

    // Remove asks for the reason in a modal dialog: Escape closes it and gives the focus back; no reason, no removal.
    await group.getByTestId('admin-report-remove').click();
    const dialog = mod.page.getByRole('dialog', { name: 'Remove “Buy cheap watches”' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await mod.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await focused(mod.page)).toBe('admin-report-remove');
    await group.getByTestId('admin-report-remove').click();
    await mod.page.getByTestId('admin-action-submit').click();
    expect(await mod.page.getByTestId('admin-action-error').textContent()).toContain('Write a reason.');
    await mod.page.getByTestId('admin-action-reason').fill('Commercial spam');
    await mod.page.getByTestId('admin-action-submit').click();
    await mod.page.getByTestId('admin-toast').filter({ hasText: 'Removed “Buy cheap watches”' }).waitFor();
    // The post leaves the reader's open feed at once (the contentRemoved event).
    await expect.poll(() => card.count()).toBe(0);
    // Removing resolved the group's reports: the open queue is empty again.
    await mod.page.getByTestId('admin-reports-list-empty').waitFor();
    await mod.page.getByTestId('admin-reports-status').selectOption('RESOLVED');
    await group.waitFor();
    await group.getByTestId('admin-subject-removed').waitFor();
    await group.getByTestId('admin-report-restore').waitFor();

    // The reporter is told it was handled (and not what was done).
    await rep.page.getByTestId('toast').getByText('Your report was reviewed. Thank you.').waitFor();
    await rep.page.getByTestId('bell').click();
    await rep.page.getByTestId('bell-panel').getByTestId('notification-REPORT_RESOLVED').waitFor();

    // The log: who removed what and why, and the resolution; filtered by type.
    await mod.page.getByTestId('admin-nav-log').click();
    const entries = mod.page.getByTestId('admin-log-entry');
    const removal = entries.and(mod.page.locator('[data-type=REMOVE_CONTENT]'));
    await removal.waitFor();
    expect(await removal.getByTestId('admin-log-reason').textContent()).toContain('Commercial spam');
    expect(await removal.textContent()).toContain('Mona Mod');
    expect(await removal.getByTestId('admin-log-subject-link').getAttribute('href')).toBe(`/admin/posts/${encodeURIComponent(post.id)}`);
    await entries.and(mod.page.locator('[data-type=RESOLVE_REPORT]')).waitFor();
    await mod.page.getByTestId('admin-log-type').selectOption('RESOLVE_REPORT');
    await expect.poll(() => removal.count()).toBe(0);
    await mod.page.getByTestId('admin-log-moderator').fill(moderator.username);
    await expect.poll(() => entries.count()).toBe(1);
    await mod.page.getByTestId('admin-log-moderator').fill('nobody_has_this_name');
    await mod.page.getByText('Nobody has that username.').waitFor();
    expect(await overflowsX(mod.page, 'admin-log')).toEqual([]);

    expect(mod.errors).toEqual([]);
    expect(rep.errors).toEqual([]);
    expect(read.errors).toEqual([]);
  });

  it('the dashboard (in Korean, on a phone) shows the counts and the last 30 days as a chart with a table for screen readers', async () => {
    const admin = await makeStaff(suite.stack, await person('Ada Admin'), 'ADMIN');
    const stats = (await as(suite.stack, admin, '{ adminStats { users openReports } }')).data.adminStats;
    const { page, errors } = await signedIn(admin, { locale: 'ko-KR', phone: true });
    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: '대시보드' }).waitFor();
    await expect.poll(() => page.getByTestId('admin-stat-users-value').textContent()).toBe(String(stats.users));
    expect(await page.getByTestId('admin-stat-openReports-value').textContent()).toBe(String(stats.openReports));
    const chart = page.getByTestId('admin-daily-chart');
    await chart.locator('canvas').waitFor();
    const days = page.getByTestId('admin-daily-table').locator('tbody tr');
    expect(await days.count()).toBe(30);
    // Days in the page's language, today (UTC) last.
    const today = new Intl.DateTimeFormat('ko-KR', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date());
    expect(await days.last().locator('th').textContent()).toBe(today);
    expect(await overflowsX(page, 'admin-dashboard')).toEqual([]);
    // The open reports card leads to the queue.
    await page.getByTestId('admin-stat-openReports').click();
    await page.waitForURL((url) => url.pathname === '/admin/reports');
    expect(errors).toEqual([]);
  });
});
