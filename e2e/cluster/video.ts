/**
 * Check (5): Alice and Bob in two Chromium profiles with fake cameras, Alice's LiveKit signalling pinned to node 1 and
 * Bob's to node 2 (a cookie the LiveKit balancer routes on), their API traffic likewise; Alice calls Bob, he accepts,
 * both play the other's video.
 */
import type { Browser, Page } from 'playwright-core';
import type { TestUser } from '../../api/src/test/client.js';
import { assertRemoteVideoPlaying, callContext, fakeMediaFlags, subscriptionSent } from '../../bench/lib/call/pages.js';
import type { Cluster } from '../../scripts/cluster/harness.js';
import { INSTANCE_HEADER, LIVEKIT_NODE_COOKIE } from '../../scripts/cluster/configs.js';
import { assertClientBuilt, signInThroughUi, watchErrors } from '../lib/app.js';
import { launchChromium } from '../lib/browser.js';

const PASSWORD = 'correct horse battery';

export async function videoCallAcrossNodes(cluster: Cluster, alice: TestUser, bob: TestUser) {
  assertClientBuilt();
  const browser: Browser = await launchChromium(fakeMediaFlags(10));
  try {
    const open = async (user: TestUser, node: 1 | 2) => {
      const context = await callContext(browser, cluster.baseUrl);
      await context.addCookies([{ name: LIVEKIT_NODE_COOKIE, value: String(node), domain: '127.0.0.1', path: '/' }]);
      // Alice on API instance 1 and LiveKit node 1, Bob on instance 2 and node 2: the ring crosses instances too.
      await context.setExtraHTTPHeaders({ [INSTANCE_HEADER]: String(node) });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const ringable = subscriptionSent(page, 'IncomingCall');
      await signInThroughUi(page, user.username, PASSWORD);
      await ringable;
      return { page, errors };
    };
    const a = await open(alice, 1);
    const b = await open(bob, 2);
    await a.page.goto(`/u/${bob.username}`);
    await a.page.getByTestId('start-call').click();
    await a.page.waitForURL((url) => url.pathname.startsWith('/call/') && url.searchParams.has('call'));
    const dialog = b.page.getByTestId('incoming-call');
    await dialog.waitFor();
    await dialog.getByTestId('accept-call').click();
    await b.page.waitForURL((url) => url.pathname.startsWith('/call/'));

    const [aliceSees, bobSees] = await Promise.all([assertRemoteVideoPlaying(a.page, 1), assertRemoteVideoPlaying(b.page, 1)]);
    const stats = await cluster.balancerStats();
    const openSessions = { lk1: Number(stats.lk1.scur), lk2: Number(stats.lk2.scur) };
    const errors = [...a.errors, ...b.errors];
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    await leave(a.page);
    return { aliceSees, bobSees, openSessions };
  } finally {
    await browser.close();
  }
}

async function leave(page: Page): Promise<void> {
  await page.getByTestId('leave-call').click();
  await page.getByTestId('call-leave-dialog-confirm').click();
}
