/**
 * Live updates through a dropped socket: Alice's tab loses its graphql-ws connection, Bob sends her a friend request
 * meanwhile (the API publishes it while nobody is subscribed), and when her connection comes back the bell shows it
 * without a reload — the client asks again for what is on screen after every re-connection. Each test waits until her
 * tab has tried to reconnect during the outage, and failed, before the network comes back: a failed attempt must not
 * make the tab give up. Real API and Chromium
 * (the network switch of e2e/lib/network.ts); build the client first.
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../api/src/test/client.js';
import { befriend, newUser } from '../bench/lib/call/pages.js';
import { newAppContext } from './lib/app.js';
import { installNetworkSwitch, networkDown, networkUp, reconnectAttemptFailed } from './lib/network.js';
import { subscriptionMessageSent, useBrowserSuite } from './lib/suite.js';

// LiveKit: the second test rings a call (startCall needs the video server).
const suite = useBrowserSuite({ livekit: true });

/** Alice signed in with a network switch in her profile, her tab listening for `operation`. */
async function aliceWithSwitch(alice: Parameters<typeof suite.signedIn>[0], operation: string) {
  return suite.signedIn(alice, {
    context: async (browser, baseUrl, locale) => {
      const context = await newAppContext(browser, baseUrl, locale);
      await installNetworkSwitch(context);
      return context;
    },
    ready: (p) => subscriptionMessageSent(p, operation),
  });
}

describe('live updates after the socket reconnects', () => {
  it('shows a friend request sent while the socket was down, once it is back, without a reload', async () => {
    const [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Lee')];
    const { page, errors } = await aliceWithSwitch(alice, 'notificationAdded');
    expect(await page.getByTestId('bell-count').count()).toBe(0);

    // Her socket drops and cannot reopen for now; Bob's request is published meanwhile.
    const attemptFailed = reconnectAttemptFailed(page);
    await networkDown(page, '/graphql');
    const sent = await gql<{ sendFriendRequest: { userErrors: unknown[] } }>(
      suite.stack,
      'mutation($u: ID!) { sendFriendRequest(userId: $u) { userErrors { message } } }',
      { u: alice.id },
      { token: bob.token },
    );
    expect(sent.data.sendFriendRequest.userErrors).toEqual([]);
    // Nothing reached her tab: the bell stays quiet while the socket is down.
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('bell-count').count()).toBe(0);

    // Her tab tried to reconnect during the outage and failed (that must not make it give up); the network comes
    // back, her tab's next attempt gets through: the bell shows the request, no reload.
    await attemptFailed;
    const resubscribed = subscriptionMessageSent(page, 'notificationAdded');
    await networkUp(page);
    await resubscribed;
    await page.getByTestId('bell-count').filter({ hasText: '1' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('bell').click();
    await page.getByTestId('bell-panel').getByText('Bob Lee').first().waitFor();
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

    // Later events arrive live again over the new socket.
    const carol = await newUser(suite.stack, 'Carol Park');
    await gql(
      suite.stack,
      'mutation($u: ID!) { sendFriendRequest(userId: $u) { userErrors { message } } }',
      { u: alice.id },
      { token: carol.token },
    );
    await page.getByTestId('bell-count').filter({ hasText: '2' }).waitFor();

    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('rings a call that started while the socket was down, once it is back', async () => {
    const [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Lee')];
    await befriend(suite.stack, alice, bob);
    const { page, errors } = await aliceWithSwitch(alice, 'IncomingCall');
    const attemptFailed = reconnectAttemptFailed(page);
    await networkDown(page, '/graphql');
    const started = await gql<{ startCall: { userErrors: unknown[] } }>(
      suite.stack,
      'mutation($ids: [ID!]!) { startCall(calleeIds: $ids) { userErrors { message } } }',
      { ids: [alice.id] },
      { token: bob.token },
    );
    expect(started.data.startCall.userErrors).toEqual([]);
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('incoming-call').isVisible()).toBe(false);

    await attemptFailed;
    await networkUp(page);
    const dialog = page.getByTestId('incoming-call');
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.getByTestId('incoming-call-from').textContent()).toContain('Bob Lee');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
