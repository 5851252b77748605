/**
 * A network switch inside one browser profile, for "the connection drops and comes back" in calls and live pages.
 * Chromium's offline emulation stops neither WebRTC media nor open sockets, so an init script keeps the page's own
 * peer connections and WebSockets at hand: `down` closes its peer connections (no media, no RTCP reach the server: a
 * dead line, not a quiet one), closes the sockets whose URL matches and refuses new ones (they fail as on a dead
 * network); `up` lets new sockets through, and the app's own reconnection builds new peer connections. The app's code is untouched: it reconnects the way it would after a real outage.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** Where a socket opened while the network is down goes: a closed port, so it fails as on a dead network. */
const DEAD_URL = 'ws://127.0.0.1:9/';

interface NetworkSwitch {
  down(socketMatch: string, media: boolean): Promise<void>;
  up(): Promise<void>;
  /** Sockets the page tried to open since the last `down` and that were sent to the dead port. */
  refusedAttempts(): number;
}

declare global {
  interface Window {
    __testNetwork?: NetworkSwitch;
  }
}

/** Installs the switch in every page the profile opens from now on (before the app's code runs). */
export async function installNetworkSwitch(context: BrowserContext): Promise<void> {
  await context.addInitScript((deadUrl) => {
    const peers = new Set<RTCPeerConnection>();
    const sockets = new Set<WebSocket>();
    let refused: string | null = null;
    let refusedAttempts = 0;
    const NativePeer = window.RTCPeerConnection;
    const NativeSocket = window.WebSocket;
    window.RTCPeerConnection = class extends NativePeer {
      constructor(config?: RTCConfiguration) {
        super(config);
        peers.add(this);
      }
    };
    window.WebSocket = class extends NativeSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        // A dead port: the socket fails to open, as it would without a network.
        const refuse = refused !== null && String(url).includes(refused);
        super(refuse ? deadUrl : url, protocols);
        if (refuse) refusedAttempts += 1;
        sockets.add(this);
      }
    };
    window.__testNetwork = {
      async down(socketMatch, media) {
        refused = socketMatch;
        refusedAttempts = 0;
        // Nothing more leaves these connections, not even RTCP (what tells a server the sender is gone, not quiet).
        if (media) {
          for (const peer of peers) peer.close();
          peers.clear();
        }
        for (const socket of sockets) if (socket.url.includes(socketMatch) && socket.readyState <= 1) socket.close(4000, 'network down');
      },
      async up() {
        refused = null;
      },
      refusedAttempts: () => refusedAttempts,
    };
  }, DEAD_URL);
}

/**
 * Resolves once the page has tried to open a socket since its network went down (the attempt fails on the dead
 * port): the app's own reconnection met the outage. Await it before `networkUp`.
 */
export async function reconnectAttemptFailed(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => window.__testNetwork!.refusedAttempts() > 0, undefined, { timeout: timeoutMs, polling: 100 });
}

/**
 * Cuts the page's network: media stops, sockets whose URL contains `socketMatch` close and cannot reopen. With
 * `{ media: false }` only those sockets go (one connection lost, say the API's live socket, the call's media flowing on).
 */
export const networkDown = (page: Page, socketMatch: string, { media = true } = {}) =>
  page.evaluate(([match, withMedia]) => window.__testNetwork!.down(match, withMedia), [socketMatch, media] as const);

/** Gives the page its network back. */
export const networkUp = (page: Page) => page.evaluate(() => window.__testNetwork!.up());
