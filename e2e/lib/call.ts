import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestUser } from '../../api/src/test/client.js';
import { callContext, subscriptionSent } from '../../bench/lib/call/pages.js';
import { signInThroughUi, watchErrors } from './app.js';
import { PASSWORD } from './suite.js';

/** Signs `user` in through the UI in a fresh browser profile and waits until incoming calls can ring there. */
export async function openAs(
  browser: Browser,
  baseUrl: string,
  user: TestUser,
  locale = 'en-US',
  /** Prepares the profile before its first page opens (e.g. `installNetworkSwitch`). */
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<{ page: Page; errors: string[] }> {
  const context = await callContext(browser, baseUrl, { locale });
  await prepare?.(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const ringable = subscriptionSent(page, 'IncomingCall');
  await signInThroughUi(page, user.username, PASSWORD);
  await ringable;
  return { page, errors };
}

/**
 * `caller` calls `callee` from the callee's profile and the callee accepts from the incoming-call dialog; resolves once
 * each page shows the other's tile. Returns the call page's path.
 */
export async function connectCall(caller: Page, callee: Page, calleeUser: TestUser): Promise<string> {
  await caller.goto(`/u/${calleeUser.username}`);
  await caller.getByTestId('start-call').click();
  await caller.waitForURL((url) => url.pathname.startsWith('/call/') && url.searchParams.has('call'));
  await callee.getByTestId('incoming-call').waitFor();
  await callee.getByTestId('accept-call').click();
  await callee.waitForURL((url) => url.pathname.startsWith('/call/'));
  for (const page of [caller, callee]) await page.locator('[data-testid=call-tile][data-local=false][data-user-id]').waitFor();
  return new URL(caller.url()).pathname;
}

declare global {
  interface Window {
    __meteredPeers?: RTCPeerConnection[];
  }
}

/** Keeps every peer connection the profile's pages make, for `inboundMediaBytes` (installed before the app runs). */
export async function installPeerMeter(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const peers: RTCPeerConnection[] = [];
    window.__meteredPeers = peers;
    const NativePeer = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends NativePeer {
      constructor(config?: RTCConfiguration) {
        super(config);
        peers.push(this);
      }
    };
  });
}

/** Media bytes (audio and video) the page has received over WebRTC so far, all its peer connections together. */
export async function inboundMediaBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let bytes = 0;
    for (const peer of window.__meteredPeers ?? []) {
      (await peer.getStats()).forEach((stat: { type: string; bytesReceived?: number }) => {
        if (stat.type === 'inbound-rtp') bytes += stat.bytesReceived ?? 0;
      });
    }
    return bytes;
  });
}
