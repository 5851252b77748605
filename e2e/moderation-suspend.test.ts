/**
 * Issue 12's suspension in the browser (real API, LiveKit and built client; two Chromium profiles with fake cameras):
 * Alice and Bob are in a call; an admin suspends Alice through the API. Alice's call ends and she lands on the sign-in
 * page told that her account is suspended and until when; signing in again is refused with the same words. Bob's call
 * screen says the call ended, and his history says ENDED.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { as, makeStaff } from '../api/src/features/moderation/reports.testkit.js';
import { signUp, type TestUser } from '../api/src/test/client.js';
import { befriend, fakeMediaFlags, newUser, remoteFrames } from '../bench/lib/call/pages.js';
import { connectCall, openAs } from './lib/call.js';
import { PASSWORD, useBrowserSuite } from './lib/suite.js';

const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(10) });
let alice: TestUser;
let bob: TestUser;

const SUSPEND = `mutation($u: ID!, $until: DateTime) { suspendUser(userId: $u, reason: "Harassment in calls", until: $until) {
  userErrors { code message } } }`;

beforeAll(async () => {
  [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Park')];
  await befriend(suite.stack, alice, bob);
});

describe('suspending a user who is in a call', () => {
  it('ends their call, signs them out with the reason, refuses their sign-in; the other side sees the call end', async () => {
    const a = await openAs(suite.browser, suite.stack.baseUrl, alice);
    const b = await openAs(suite.browser, suite.stack.baseUrl, bob);
    await connectCall(b.page, a.page, alice); // Bob calls, Alice accepts

    const admin = await makeStaff(suite.stack, await signUp(suite.stack), 'ADMIN');
    const until = new Date(Date.UTC(2031, 4, 4, 12, 0));
    const res = await as(suite.stack, admin, SUSPEND, { u: alice.id, until: until.toISOString() });
    expect(res.data.suspendUser.userErrors).toEqual([]);
    const expected = `Your account is suspended until ${new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short' }).format(until)}.`;

    // Alice: off the call page, on the sign-in page with the reason (announced), not "session expired".
    await a.page.waitForURL((url) => url.pathname === '/sign-in', { timeout: 15_000 });
    const notice = a.page.getByTestId('sign-in-suspended');
    expect(await notice.textContent()).toContain(expected);
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await a.page.getByText('Your session has ended').count()).toBe(0);
    expect(await a.page.getByTestId('call-tile').count()).toBe(0);

    // Signing in again is refused with the same words.
    await a.page.locator('#login').fill(alice.username);
    await a.page.locator('#password').fill(PASSWORD);
    await a.page.locator('[data-testid=sign-in-form] button[type=submit]').click();
    await expect.poll(() => a.page.locator('[data-field-error=login]').textContent()).toContain(expected);
    expect(new URL(a.page.url()).pathname).toBe('/sign-in');

    // Bob: the call ended (no retrying), no video from Alice any more, and his history says ENDED.
    await b.page.locator('[data-testid=call-outcome][data-ending=ENDED]').waitFor({ timeout: 15_000 });
    expect(Object.keys(await remoteFrames(b.page))).toEqual([]);
    const history = await as(suite.stack, bob, '{ calls(first: 1) { nodes { status answeredAt endedAt } } }');
    const [call] = history.data.calls.nodes;
    expect(call.status).toBe('ENDED');
    expect(Date.parse(call.endedAt)).toBeGreaterThanOrEqual(Date.parse(call.answeredAt));

    expect(b.errors).toEqual([]);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });
});
