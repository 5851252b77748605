/**
 * Check (5): Alice and Bob in two Chromium profiles with fake cameras, Alice's LiveKit signalling pinned to node 1 and
 * Bob's to node 2 (a cookie the LiveKit balancer routes on), their API traffic likewise; Alice calls Bob, he accepts,
 * both play the other's video.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      // LiveKit's debug log, printed when the check fails.
      await context.addInitScript(() => {
        try {
          localStorage.setItem('pp-enter.call.debug', '1');
        } catch {
          /* about:blank has no storage */
        }
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const log = consoleLog(page);
      const ringable = subscriptionSent(page, 'IncomingCall');
      await signInThroughUi(page, user.username, PASSWORD);
      await ringable;
      return { page, errors, log };
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

    const [aliceSees, bobSees] = await bothPlaying(a, b);
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

/** The page's console and the call's setup marks, kept for the message of a failed check. */
function consoleLog(page: Page): string[] {
  const lines: string[] = [];
  const start = Date.now();
  page.on('console', (message) => lines.push(`+${Date.now() - start}ms ${message.type()}: ${message.text()}`));
  return lines;
}

interface Side {
  page: Page;
  log: string[];
}

/** Both pages play the other's video; a failure names the side and carries both pages' consoles and call marks. */
async function bothPlaying(a: Side, b: Side) {
  const [alice, bob] = await Promise.allSettled([assertRemoteVideoPlaying(a.page, 1), assertRemoteVideoPlaying(b.page, 1)]);
  if (alice.status === 'fulfilled' && bob.status === 'fulfilled') return [alice.value, bob.value] as const;
  const failed = [alice.status === 'rejected' ? `Alice: ${alice.reason}` : '', bob.status === 'rejected' ? `Bob: ${bob.reason}` : ''];
  throw new Error([...failed.filter(Boolean), await report('Alice', a), await report('Bob', b)].join('\n'));
}

async function report(side: string, { page, log }: Side): Promise<string> {
  const marks = await page
    .evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('call:'))
        .map((m) => `${m.name}@${Math.round(m.startTime)}`),
    )
    .catch(() => []);
  // The whole log in a file (LiveKit's debug lines are many), its end in the message.
  const file = join(tmpdir(), `cluster-video-${side.toLowerCase()}-${Date.now()}.log`);
  writeFileSync(file, log.join('\n'));
  return [`== ${side}: marks ${marks.join(' ')}; full log ${file}`, ...log.slice(-40).map((line) => line.slice(0, 300))].join('\n');
}

async function leave(page: Page): Promise<void> {
  await page.getByTestId('leave-call').click();
  await page.getByTestId('call-leave-dialog-confirm').click();
}
