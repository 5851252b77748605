/**
 * Issue 13: a dropped connection in a call. Bob's network goes down mid-call (his media stops reaching LiveKit, his
 * signalling socket closes and cannot reopen): Bob sees "Connection lost. Reconnecting…", Alice sees "Bob Lee is
 * reconnecting…" and his tile's quality as lost, and nobody is said to have left; when his network returns, Alice is told
 * he is back and the call goes on. And when only his live socket is down as the call ends, his page still learns why
 * LiveKit closed the room. Real API, LiveKit and Chromium (fake cameras; the network switch of e2e/lib/network.ts);
 * build the client first.
 */
import { describe, expect, it } from 'vitest';
import { assertRemoteVideoPlaying, befriend, fakeMediaFlags, newUser } from '../bench/lib/call/pages.js';
import { connectCall, openAs } from './lib/call.js';
import { installNetworkSwitch, networkDown, networkUp, reconnectAttemptFailed } from './lib/network.js';
import { subscriptionMessageSent, useBrowserSuite } from './lib/suite.js';

const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(15) });

/** Alice calls Bob (his profile has the network switch); resolves once each plays the other's video. */
async function aliceCallsBob() {
  const [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Lee')];
  await befriend(suite.stack, alice, bob);
  const a = await openAs(suite.browser, suite.stack.baseUrl, alice, 'en-US');
  const b = await openAs(suite.browser, suite.stack.baseUrl, bob, 'en-US', installNetworkSwitch);
  await connectCall(a.page, b.page, bob);
  await Promise.all([assertRemoteVideoPlaying(a.page, 1), assertRemoteVideoPlaying(b.page, 1)]);
  return { a, b };
}

describe('a call through a dropped connection', () => {
  it('tells both sides while Bob reconnects, and the call goes on when he is back', async () => {
    const { a, b } = await aliceCallsBob();
    const bobQuality = a.page.locator('[data-testid=call-tile][data-local=false] [data-testid=tile-quality]');
    expect(await bobQuality.getAttribute('data-quality')).not.toBe('lost');

    // Bob's network goes down: he is told his call is reconnecting…
    await networkDown(b.page, '/rtc');
    await b.page.getByTestId('call-reconnecting').filter({ hasText: 'Connection lost. Reconnecting…' }).waitFor({ timeout: 15_000 });
    // …and Alice, that he is (in the notice over the call and a line of the chat), his tile's bars at lost.
    await a.page
      .locator('[data-testid=call-notice][data-kind=reconnecting]')
      .filter({ hasText: 'Bob Lee is reconnecting…' })
      .waitFor({ timeout: 30_000 });
    await a.page
      .locator('[data-testid=chat-system-line][data-kind=reconnecting]')
      .filter({ hasText: 'Bob Lee is reconnecting…' })
      .waitFor();
    expect(await bobQuality.getAttribute('data-quality')).toBe('lost');
    expect(await a.page.getByTestId('call-reconnecting').count()).toBe(0);

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    // Still the call: nobody was said to have left, both pages live.
    for (const page of [a.page, b.page]) {
      expect(await page.locator('[data-testid=chat-system-line][data-kind=left]').count()).toBe(0);
      expect(await page.getByTestId('call-page').getAttribute('data-stage')).toBe('live');
    }

    // His network returns: LiveKit's full reconnect (a new session under the same identity) within the API's rejoin
    // grace, so the call goes on: Alice is told he is back, and both see each other again.
    await networkUp(b.page);
    await a.page.locator('[data-testid=call-notice][data-kind=back]').filter({ hasText: 'Bob Lee is back' }).waitFor({ timeout: 30_000 });
    await Promise.all([assertRemoteVideoPlaying(a.page, 1), assertRemoteVideoPlaying(b.page, 1)]);
    for (const page of [a.page, b.page]) expect(await page.getByTestId('call-page').getAttribute('data-stage')).toBe('live');
    // Never said to have left (LiveKit let his dead session go before the new one came).
    expect(await a.page.locator('[data-testid=chat-system-line][data-kind=left]').count()).toBe(0);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });

  it("says the call ended when it ends while Bob's live socket is down (its event never reaches him)", async () => {
    const { a, b } = await aliceCallsBob();

    // Only the API's live socket goes (the call's media flows on); Alice hangs up meanwhile.
    const attemptFailed = reconnectAttemptFailed(b.page);
    await networkDown(b.page, '/graphql', { media: false });
    await assertRemoteVideoPlaying(b.page, 1);
    await a.page.getByTestId('leave-call').click();
    await a.page.getByTestId('call-leave-dialog-confirm').click();

    // LiveKit closes the call's room: Bob's page asks the API why, and says the call ended (not "the room was closed").
    const outcome = b.page.getByTestId('call-outcome');
    await b.page.locator('[data-testid=call-outcome][data-ending=ENDED]').waitFor({ timeout: 15_000 });
    expect(await outcome.getByTestId('call-outcome-message').textContent()).toBe('The call has ended.');
    expect(await b.page.getByTestId('call-again').textContent()).toContain('Call again');

    // His socket comes back (the queries on screen are asked again, the subscriptions made anew): the page still says so.
    await attemptFailed;
    const resubscribed = subscriptionMessageSent(b.page, 'IncomingCall');
    await networkUp(b.page);
    await resubscribed;
    await b.page.waitForTimeout(1500);
    expect(await outcome.getAttribute('data-ending')).toBe('ENDED');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });
});
