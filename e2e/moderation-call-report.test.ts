/**
 * Reporting from a call in the browser (real API, LiveKit and built client; two Chromium profiles with fake cameras):
 * Bob reports Alice's chat message from its Report button and Alice herself from her tile's ⋯ menu (keyboard only);
 * his own messages have no Report; staff see the chat message's report in the queue.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { as, makeStaff } from '../api/src/features/moderation/reports.testkit.js';
import { signUp, type TestUser } from '../api/src/test/client.js';
import { befriend, fakeMediaFlags, newUser } from '../bench/lib/call/pages.js';
import { connectCall, openAs } from './lib/call.js';
import { useBrowserSuite } from './lib/suite.js';

const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(10) });
let alice: TestUser;
let bob: TestUser;

const CHAT_REPORTS = `query { reports(status: OPEN, first: 20) { nodes { reason comment reporter { id }
  subject { __typename ... on ChatMessage { id body } ... on User { id } } } } }`;

beforeAll(async () => {
  [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Park')];
  await befriend(suite.stack, alice, bob);
});

describe('reporting in a call', () => {
  it("reports a participant's chat message and the participant; staff see the message's report", async () => {
    const a = await openAs(suite.browser, suite.stack.baseUrl, alice);
    const b = await openAs(suite.browser, suite.stack.baseUrl, bob);
    await connectCall(a.page, b.page, bob);

    await a.page.getByTestId('chat-input').fill('Buy cheap watches at spam.example');
    await a.page.getByTestId('chat-send').click();
    const spam = b.page.getByTestId('chat-message').filter({ hasText: 'Buy cheap watches' });
    await spam.waitFor();
    await b.page.getByTestId('chat-input').fill('Please stop');
    await b.page.getByTestId('chat-send').click();
    const own = b.page.getByTestId('chat-message').filter({ hasText: 'Please stop' });
    await own.waitFor();
    expect(await own.getByTestId('chat-report').count()).toBe(0); // never one's own message

    // The message's Report button is labelled with the author; the dialog names what is reported.
    const report = spam.getByRole('button', { name: 'Report the message from Alice Kim' });
    await report.click();
    const dialog = b.page.getByRole('dialog', { name: 'Report this chat message' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'Spam' }).check();
    await b.page.getByTestId('report-comment').fill('Ads in every call.');
    await b.page.getByTestId('report-submit').click();
    await b.page.getByTestId('report-toast').filter({ hasText: 'Thanks — our moderators will review it' }).waitFor();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // Alice's tile: its ⋯ menu, by keyboard, reports her by name; her own page has no menu on her own tile.
    const tile = b.page.locator(`[data-testid=call-tile][data-local=false]`);
    expect(await tile.getByTestId('tile-more').getAttribute('aria-label')).toBe('More for Alice Kim');
    await tile.getByTestId('tile-more').focus();
    await b.page.keyboard.press('Enter');
    await b.page.keyboard.press('Enter'); // the menu opened with the focus on "Report Alice Kim"
    const userDialog = b.page.getByRole('dialog', { name: 'Report Alice Kim' });
    await userDialog.waitFor();
    await b.page.keyboard.press('Escape');
    await expect.poll(() => userDialog.isVisible()).toBe(false);
    expect(await a.page.locator('[data-testid=call-tile][data-local=true]').getByTestId('tile-more').count()).toBe(0);

    // Staff see the report of the chat message, with its text.
    const staff = await makeStaff(suite.stack, await signUp(suite.stack));
    const res = await as(suite.stack, staff, CHAT_REPORTS);
    const ofMessage = res.data.reports.nodes.filter(
      (r: { subject: { __typename: string } | null }) => r.subject?.__typename === 'ChatMessage',
    );
    expect(ofMessage).toHaveLength(1);
    expect(ofMessage[0]).toMatchObject({
      reason: 'SPAM',
      comment: 'Ads in every call.',
      reporter: { id: bob.id },
      subject: { body: 'Buy cheap watches at spam.example' },
    });

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });
});
