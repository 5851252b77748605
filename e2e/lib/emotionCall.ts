/**
 * Shared set-up of the emotion-background browser tests: two users of the real API
 * (friends, one room, tokens from joinRoom) on the real LiveKit server, in headless
 * Chromium whose fake camera plays a photo (e2e/lib/y4m.ts). Alice publishes through
 * the processor on the harness page; Bob's page renders her video for sampling.
 *
 *   const call = useEmotionCall('e2e-emotion');   // registers beforeAll / afterAll
 *   await call.withCall('happy/x.jpg', 'name', async (publisher, viewer, access, raw) => { … });
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { gql, signUp, type TestUser } from '../../api/src/test/client.js';
import { startTestStack, type TestStack } from '../../api/src/test/stack.js';
import { MEDIA_FLAGS, launchChromium } from './browser.js';
import { startHarnessServer } from './harness/index.js';
import type { Rgb } from './harness/imageStats.js';
import { ROOT, type PageServer } from './harness/pageServer.js';
import { photoToY4m, type Y4mOptions } from './y4m.js';

export const FACES = process.env.FACES_DIR ?? join(ROOT, '../shared/faces');

export type Access = { url: string; token: string };
export type HarnessState = {
  localEmotion: string | null;
  localChanges: { emotion: string; atMs: number; faceFound: boolean }[];
  firstRecognitionAtMs: number | null;
  fallback: string | null;
  remoteEmotion: string | null;
  /** When the remote video presented its frames (epoch ms, the newest 400). */
  remoteFrameTimes: number[];
  stats: { faces: number; recognitions: number; masks: number; loadMs: number; maskCoverage: number; pipeline: string | null } | null;
};
export type RemoteSample = {
  width: number;
  height: number;
  corners: { left: Rgb; right: Rgb };
  centre: Rgb;
  sharpness: number;
  meanLuma: number;
  /** The frame at THUMB_WIDTH×THUMB_HEIGHT, RGBA. */
  thumb: number[];
  png: string;
};
/** Size of RemoteSample.thumb (the harness page scales the received frame to it). */
export const THUMB = { width: 64, height: 48 } as const;
export type CallRun = (publisher: Page, viewer: Page, publisherAccess: Access, raw: Buffer) => Promise<void>;

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function poll<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const harnessState = (page: Page) => page.evaluate('harnessState()') as Promise<HarnessState>;
export const sampleRemote = (page: Page, size?: { width: number; height: number }) =>
  page.evaluate(
    (scaled) => (window as unknown as { sampleRemote(s: unknown): unknown }).sampleRemote(scaled),
    size ?? null,
  ) as Promise<RemoteSample | null>;

export function useEmotionCall(workName: string) {
  const workDir = join(ROOT, '.tmp', workName);
  const livekit = inject('livekit');
  let stack: TestStack;
  let server: PageServer;
  let alice: TestUser;
  let bob: TestUser;

  async function mutate<Payload>(user: TestUser, query: string, variables: Record<string, unknown>): Promise<Payload> {
    const res = await gql<Record<string, unknown>>(stack, query, variables, { token: user.token });
    const payload = res.data && (Object.values(res.data)[0] as (Payload & { userErrors?: unknown[] }) | undefined);
    if (res.errors || !payload || payload.userErrors?.length) throw new Error(JSON.stringify(res.errors ?? payload?.userErrors));
    return payload;
  }

  /** A FRIENDS room of Alice's that both join: each gets a LiveKit token for it. */
  async function callRoom(): Promise<{ alice: Access; bob: Access }> {
    const { room } = await mutate<{ room: { id: string } }>(
      alice,
      'mutation($i: CreateRoomInput!) { createRoom(input: $i) { room { id } userErrors { message } } }',
      { i: { title: 'Emotion test', visibility: 'FRIENDS' } },
    );
    const join = (user: TestUser) =>
      mutate<{ access: Access }>(user, 'mutation($id: ID!) { joinRoom(roomId: $id) { access { token url } userErrors { message } } }', {
        id: room.id,
      }).then((payload) => payload.access);
    return { alice: await join(alice), bob: await join(bob) };
  }

  async function openHarness(browser: Browser): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => console.error('[harness]', error.message));
    page.on('console', (message) => {
      if (message.text().startsWith('[emotion-background]')) console.warn('[harness]', message.text());
    });
    await page.goto(`${server.origin}/`);
    await page.waitForFunction('window.harnessReady === true');
    return page;
  }

  /** A call whose publisher's camera plays `photo` (a path under FACES, or absolute). */
  async function withCall(photo: string, name: string, run: CallRun, camera: Y4mOptions = {}) {
    const file = join(workDir, `${name}.y4m`);
    const { rgb } = await photoToY4m(photo.startsWith('/') ? photo : join(FACES, photo), file, camera);
    const access = await callRoom();
    const browser = await launchChromium([...MEDIA_FLAGS, `--use-file-for-fake-video-capture=${file}`]);
    try {
      const [publisher, viewer] = [await openHarness(browser), await openHarness(browser)];
      await viewer.evaluate(`subscribe(${JSON.stringify(access.bob)})`);
      await run(publisher, viewer, access.alice, rgb);
    } finally {
      await browser.close();
    }
  }

  /** Keeps the received frame as a PNG in the work directory (evidence when a test fails). */
  function keep(name: string, remote: RemoteSample | null): void {
    if (remote) writeFileSync(join(workDir, `${name}.png`), Buffer.from(remote.png.split(',')[1], 'base64'));
  }

  beforeAll(async () => {
    if (!livekit) {
      throw new Error(
        'LiveKit is not available: the e2e global setup did not start a LiveKit server (.tools/bin/livekit-server missing, ' +
          'or TEST_LIVEKIT=off; `npm run setup` builds it). These tests need a real LiveKit server and do not skip.',
      );
    }
    mkdirSync(workDir, { recursive: true });
    stack = await startTestStack();
    [alice, bob] = [await signUp(stack), await signUp(stack)];
    const { friendRequest } = await mutate<{ friendRequest: { id: string } }>(
      alice,
      'mutation($u: ID!) { sendFriendRequest(userId: $u) { friendRequest { id } userErrors { message } } }',
      { u: bob.id },
    );
    await mutate(bob, 'mutation($r: ID!) { acceptFriendRequest(requestId: $r) { friendRequest { id } userErrors { message } } }', {
      r: friendRequest.id,
    });
    server = await startHarnessServer();
  });

  afterAll(async () => {
    await server?.close();
    await stack?.stop();
  });

  return { withCall, keep, workDir };
}
