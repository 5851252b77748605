/**
 * Shared by the call/room browser tests (e2e/calls.test.ts, e2e/rooms.test.ts) and bench:call:
 * users and friendships over the API, Chromium flags for fake cameras, and reading what the call
 * page's tiles actually play. No test runner inside (the bench runs without one).
 */
import type { Browser, BrowserContext, Page, WebSocket } from 'playwright-core';
import { gql, signUp, type TestUser } from '../../../api/src/test/client.js';
import { MEDIA_FLAGS } from '../../../e2e/lib/browser.js';

/** The fake camera at a lower frame rate (fewer frames to encode and decode on a busy machine). */
export function fakeMediaFlags(fps: number): string[] {
  return MEDIA_FLAGS.map((flag) => (flag === '--use-fake-device-for-media-stream' ? `${flag}=fps=${fps}` : flag));
}

/** Runs one mutation and returns its payload (the first field of `data`); errors or userErrors throw. */
async function mutate<Payload>(
  stack: { baseUrl: string },
  user: TestUser,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Payload> {
  const res = await gql<Record<string, unknown>>(stack, query, variables, { token: user.token });
  const payload = res.data && (Object.values(res.data)[0] as (Payload & { userErrors?: unknown[] }) | undefined);
  if (res.errors || !payload || payload.userErrors?.length) throw new Error(JSON.stringify(res.errors ?? payload?.userErrors));
  return payload;
}

export async function befriend(stack: { baseUrl: string }, a: TestUser, b: TestUser): Promise<void> {
  const { friendRequest } = await mutate<{ friendRequest: { id: string } }>(
    stack,
    a,
    'mutation($u: ID!) { sendFriendRequest(userId: $u) { friendRequest { id } userErrors { message } } }',
    { u: b.id },
  );
  await mutate(stack, b, 'mutation($r: ID!) { acceptFriendRequest(requestId: $r) { friendRequest { id } userErrors { message } } }', {
    r: friendRequest.id,
  });
}

export async function newUser(stack: { baseUrl: string }, displayName: string): Promise<TestUser> {
  return signUp(stack, { displayName });
}

/**
 * A browser profile for one user: its language, its viewport, and the background effect chosen
 * beforehand (effects are the processor's own tests; here they would only cost CPU).
 */
export async function callContext(
  browser: Browser,
  baseUrl: string,
  options: { locale?: string; width?: number; height?: number; effect?: 'off' | 'blur' | 'emotion' } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1100, height: options.height ?? 800 },
  });
  context.setDefaultTimeout(20_000);
  // As for someone who has made calls before: the camera and microphone open without a prompt.
  await context.grantPermissions(['camera', 'microphone']);
  await context.addInitScript((effect) => {
    try {
      localStorage.setItem('pp-enter.facechat.effect', effect);
    } catch {
      /* about:blank and the like have no storage */
    }
  }, options.effect ?? 'off');
  return context;
}

/** Resolves once the page has sent the graphql-ws subscribe message of `operation` (set up before navigating). */
export function subscriptionSent(page: Page, operation: string): Promise<void> {
  return new Promise((resolve) => {
    // Every socket's frames reach this process while a listener is on: it is taken off once the message is seen.
    const sockets = new Map<WebSocket, (frame: { payload: string | Buffer }) => void>();
    const onSocket = (ws: WebSocket) => {
      const onFrame = (frame: { payload: string | Buffer }) => {
        const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8');
        if (!text.includes('"subscribe"') || !text.includes(`subscription ${operation}`)) return;
        page.off('websocket', onSocket);
        for (const [socket, listener] of sockets) socket.off('framesent', listener);
        resolve();
      };
      sockets.set(ws, onFrame);
      ws.on('framesent', onFrame);
    };
    page.on('websocket', onSocket);
  });
}

/** Frames decoded so far by each remote tile's <video>, by the participant's user id (GraphQL id). */
export function remoteFrames(page: Page): Promise<Record<string, number>> {
  return page.$$eval('[data-testid=call-tile][data-local=false]', (tiles) =>
    Object.fromEntries(
      tiles.map((tile) => {
        const video = tile.querySelector('video');
        const frames = video && video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
        return [(tile as HTMLElement).dataset.userId || (tile as HTMLElement).dataset.identity || '', frames];
      }),
    ),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `done` accepts its value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

/**
 * Every one of `expected` remote tiles plays: frames are decoded and keep increasing between two
 * readings `gapMs` apart. Returns the two readings by identity; throws otherwise.
 */
export async function assertRemoteVideoPlaying(
  page: Page,
  expected: number,
  { timeoutMs = 45_000, gapMs = 1500 } = {},
): Promise<Record<string, [number, number]>> {
  await waitFor(
    `${expected} remote videos with frames`,
    () => remoteFrames(page),
    (f) => Object.values(f).filter((n) => n > 0).length === expected,
    timeoutMs,
  );
  const first = await remoteFrames(page);
  await sleep(gapMs);
  const second = await remoteFrames(page);
  const readings = Object.fromEntries(Object.keys(first).map((id) => [id, [first[id]!, second[id] ?? 0] as [number, number]]));
  const stalled = Object.entries(readings).filter(([, [a, b]]) => !(b > a));
  if (stalled.length) throw new Error(`remote video not playing: ${JSON.stringify(readings)}`);
  return readings;
}
