/**
 * Live updates through a dropped socket: Alice's tab loses its graphql-ws connection, Bob sends her a friend request
 * meanwhile (the API publishes it while nobody is subscribed), and when her connection comes back the bell shows it
 * without a reload — the client asks again for what is on screen after every re-connection. Real API and Chromium
 * (the network switch of e2e/lib/network.ts); build the client first.
 */
import { describe, expect, it } from 'vitest';
import { gql } from '../api/src/test/client.js';
import { newUser } from '../bench/lib/call/pages.js';
import { newAppContext } from './lib/app.js';
import { installNetworkSwitch, networkDown, networkUp } from './lib/network.js';
import { subscriptionMessageSent, useBrowserSuite } from './lib/suite.js';

const suite = useBrowserSuite();

describe('live updates after the socket reconnects', () => {
  it('shows a friend request sent while the socket was down, once it is back, without a reload', async () => {
    const [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Lee')];
    const { page, errors } = await suite.signedIn(alice, {
      context: async (browser, baseUrl, locale) => {
        const context = await newAppContext(browser, baseUrl, locale);
        await installNetworkSwitch(context);
        return context;
      },
      ready: (p) => subscriptionMessageSent(p, 'notificationAdded'),
    });
    expect(await page.getByTestId('bell-count').count()).toBe(0);

    // Her socket drops and cannot reopen for now; Bob's request is published meanwhile.
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

    // The socket comes back (graphql-ws retries on its own): the bell shows the request, no reload.
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
});
