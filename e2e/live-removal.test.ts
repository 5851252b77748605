import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { as, makeStaff, REMOVE } from '../api/src/features/moderation/reports.testkit';
import { befriend, createPost } from '../api/src/features/posts/posts.testkit';
import { signUp, type TestUser } from '../api/src/test/client';
import { useBrowserSuite } from './lib/suite';

// Issue 12: removed content vanishes from members' OPEN pages, without a reload (contentRemoved over graphql-ws).
// Needs a client build: `npm run build -w client`.
const SUSPEND = 'mutation($u: ID!, $r: String!) { suspendUser(userId: $u, reason: $r) { userErrors { code } } }';
const ADD_COMMENT = 'mutation($input: AddCommentInput!) { addComment(input: $input) { comment { id } } }';

const suite = useBrowserSuite();
const signedIn = (user: TestUser) => suite.signedIn(user);

/** Marks the open document; `stillOpen` is false after any reload or full navigation. */
const markOpen = (page: Page) => page.evaluate(() => ((window as unknown as { openMark: number }).openMark = 1));
const stillOpen = (page: Page) => page.evaluate(() => (window as unknown as { openMark?: number }).openMark === 1);
const cardTitled = (page: Page, title: string) => page.getByTestId('post-card').filter({ hasText: title });

describe('live removal in the browser', () => {
  it('a removed post, a removed comment and a suspended author’s posts leave the member’s open pages at once', async () => {
    const [a, b, mod] = [await signUp(suite.stack), await signUp(suite.stack, { displayName: 'Bora Kim' }), await signUp(suite.stack)];
    await makeStaff(suite.stack, mod);
    await befriend(suite.stack, a, b);
    await befriend(suite.stack, mod, b);
    const own = await createPost(suite.stack, a, { title: 'My own walk' });
    const other = await createPost(suite.stack, b, { title: 'Bora second post' });
    const spam = await createPost(suite.stack, b, { title: 'Cheap watches here' });
    const kept = (await as(suite.stack, a, ADD_COMMENT, { input: { postId: own.id, body: 'Nice morning' } })).data.addComment.comment;
    const rude = (await as(suite.stack, b, ADD_COMMENT, { input: { postId: own.id, body: 'Rude words' } })).data.addComment.comment;
    expect(kept && rude).toBeTruthy();

    // A's home feed is open with all three posts.
    const { page, errors } = await signedIn(a);
    for (const title of ['My own walk', 'Bora second post', 'Cheap watches here']) await cardTitled(page, title).waitFor();
    await markOpen(page);
    // A moderator's feed is open too: staff keep seeing removed content.
    const { page: staffPage, errors: staffErrors } = await signedIn(mod);
    await cardTitled(staffPage, 'Cheap watches here').waitFor();

    // Staff remove B's post: it leaves A's open feed; the other posts stay; no reload.
    expect((await as(suite.stack, mod, REMOVE, { id: spam.id, reason: 'spam' })).data.removeContent.userErrors).toEqual([]);
    await expect.poll(() => cardTitled(page, 'Cheap watches here').count(), { timeout: 5000 }).toBe(0);
    expect(await cardTitled(page, 'Bora second post').count()).toBe(1);
    expect(await cardTitled(page, 'My own walk').count()).toBe(1);
    expect(await stillOpen(page)).toBe(true);
    expect(await cardTitled(staffPage, 'Cheap watches here').count()).toBe(1);

    // A's post page is open with both comments: the removed one goes, A's own stays.
    await cardTitled(page, 'My own walk').getByTestId('post-title').getByRole('link').click();
    await page.getByTestId('comment-body').filter({ hasText: 'Rude words' }).waitFor();
    await page.getByTestId('comment-body').filter({ hasText: 'Nice morning' }).waitFor();
    expect(await page.getByTestId('comments').getByRole('heading').first().textContent()).toContain('(2)');
    expect(await stillOpen(page)).toBe(true);
    await as(suite.stack, mod, REMOVE, { id: rude.id, reason: 'harassment' });
    await expect.poll(() => page.getByTestId('comment-body').filter({ hasText: 'Rude words' }).count(), { timeout: 5000 }).toBe(0);
    expect(await page.getByTestId('comment-body').filter({ hasText: 'Nice morning' }).count()).toBe(1);
    const heading = () => page.getByTestId('comments').getByRole('heading').first().textContent();
    await expect.poll(heading, { timeout: 5000 }).toContain('(1)');

    // Back on the feed (in-app), and B's post open on A's other device; B is suspended: the post leaves the feed, A's stays,
    // and the open post page says it is not there any more.
    await page.goBack();
    await cardTitled(page, 'Bora second post').waitFor();
    const { page: detail, errors: detailErrors } = await signedIn(a);
    await detail.goto(`/p/${encodeURIComponent(other.id)}`);
    await detail.getByTestId('post-title').filter({ hasText: 'Bora second post' }).waitFor();
    await markOpen(detail);
    expect((await as(suite.stack, mod, SUSPEND, { u: b.id, r: 'spam ring' })).data.suspendUser.userErrors).toEqual([]);
    await expect.poll(() => cardTitled(page, 'Bora second post').count(), { timeout: 5000 }).toBe(0);
    expect(await cardTitled(page, 'My own walk').count()).toBe(1);
    await detail.getByTestId('post-not-found').waitFor({ timeout: 5000 });
    expect(await stillOpen(page)).toBe(true);
    expect(await stillOpen(detail)).toBe(true);
    expect([...errors, ...detailErrors, ...staffErrors]).toEqual([]);
  });
});
