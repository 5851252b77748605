/**
 * A 1:1 video call in the browser, end to end: the real API, the real LiveKit server and the built
 * client; two Chromium profiles with fake cameras over loopback. Alice (English) calls Bob (Korean)
 * from his profile; he accepts from the incoming-call dialog; both play each other's video; chat
 * goes both ways; Alice's screenshot lands in her album and Bob hears of it; Alice hangs up and both
 * histories say ENDED. (Build first: `npm run build -w client -- --outDir /tmp/x`, CLIENT_DIST=/tmp/x.)
 */
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, type TestUser } from '../api/src/test/client.js';
import { startTestStack, type TestStack } from '../api/src/test/stack.js';
import { assertRemoteVideoPlaying, befriend, fakeMediaFlags, newUser, remoteFrames, waitFor } from '../bench/lib/call/pages.js';
import { assertClientBuilt } from './lib/app.js';
import { launchChromium } from './lib/browser.js';
import { inboundMediaBytes, installPeerMeter, openAs as openUser } from './lib/call.js';

const livekit = inject('livekit');
let stack: TestStack;
let browser: Browser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  if (!livekit) throw new Error('LiveKit is not available (.tools/bin/livekit-server; `npm run setup`): call tests need the real server.');
  assertClientBuilt();
  stack = await startTestStack();
  [alice, bob] = [await newUser(stack, 'Alice Kim'), await newUser(stack, '박보검')];
  await befriend(stack, alice, bob);
  browser = await launchChromium(fakeMediaFlags(15));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Signs in through the UI and waits until the incoming-call subscription is on the wire. */
const openAs = (user: TestUser, locale: string) => openUser(browser, stack.baseUrl, user, locale);

async function callFromProfile(caller: Page, callee: TestUser): Promise<void> {
  await caller.goto(`/u/${callee.username}`);
  await caller.getByTestId('start-call').click();
  await caller.waitForURL((url) => url.pathname.startsWith('/call/') && url.searchParams.has('call'));
}

describe('a video call in the browser', () => {
  it('rings, connects both ways with playing video, chats, screenshots, hangs up into history', async () => {
    const a = await openAs(alice, 'en-US');
    const b = await openAs(bob, 'ko-KR');

    // Alice calls Bob from his profile: her page connects and rings.
    await callFromProfile(a.page, bob);
    await a.page.getByTestId('call-ringing').waitFor();
    expect(await a.page.getByTestId('call-ringing').textContent()).toContain('Calling 박보검');

    // Bob's incoming-call dialog, in Korean, on whatever page he is on, with his own camera as a preview: his tab has
    // connected early (instant connect), unseen by Alice.
    const dialog = b.page.getByTestId('incoming-call');
    await dialog.waitFor();
    expect(await dialog.getByTestId('incoming-call-from').textContent()).toContain('Alice Kim');
    await dialog.getByTestId('incoming-call-preview').waitFor();
    expect(await a.page.locator('[data-testid=call-tile][data-local=false]').count()).toBe(0);
    await dialog.getByRole('button', { name: '받기' }).click();
    await b.page.waitForURL((url) => url.pathname.startsWith('/call/'));
    expect(new URL(b.page.url()).pathname).toBe(new URL(a.page.url()).pathname);
    // The early connection itself was switched on (LiveKit's permission update), not replaced by a second one.
    await waitFor(
      'the early connection switched on',
      () => b.page.evaluate(() => performance.getEntriesByName('call:permitted').length),
      (n) => n === 1,
      10_000,
    );

    // Each page plays the other's video: frames decoded on the remote tile keep increasing.
    await a.page.getByTestId('call-ringing').waitFor({ state: 'detached' });
    const [aSees, bSees] = await Promise.all([assertRemoteVideoPlaying(a.page, 1), assertRemoteVideoPlaying(b.page, 1)]);
    expect(Object.keys(aSees)).toEqual([bob.id]);
    expect(Object.keys(bSees)).toEqual([alice.id]);
    console.log(`[calls] remote frames 1.5 s apart — Alice sees Bob: ${aSees[bob.id]}, Bob sees Alice: ${bSees[alice.id]}`);
    expect(await a.page.locator(`[data-testid=call-tile][data-local=false]`).getAttribute('aria-label')).toContain('박보검');
    expect(await b.page.getByTestId('toggle-mic').textContent()).toContain('음소거');

    // Chat both ways; the panel reads oldest first.
    await a.page.getByTestId('chat-input').fill('Hello Bob 👋');
    await a.page.getByTestId('chat-send').click();
    await b.page.getByTestId('chat-body').filter({ hasText: 'Hello Bob 👋' }).waitFor();
    await b.page.getByTestId('chat-input').fill('안녕하세요!');
    await b.page.getByTestId('chat-input').press('Enter');
    await a.page.getByTestId('chat-body').filter({ hasText: '안녕하세요!' }).waitFor();
    for (const page of [a.page, b.page]) {
      expect(await page.getByTestId('chat-body').allTextContents()).toEqual(['Hello Bob 👋', '안녕하세요!']);
    }

    // Alice's screenshot: a flash, saved to her album (the toast offers to post it), Bob told in the call.
    await a.page.getByTestId('take-screenshot').click();
    const saved = a.page.getByTestId('call-toast').filter({ hasText: 'Screenshot saved' });
    await saved.waitFor();
    expect(await saved.getByTestId('call-toast-link').getAttribute('href')).toMatch(/^\/new\?media=/);
    await b.page.getByTestId('call-toast').filter({ hasText: 'Alice Kim 님이 스크린샷을 찍었어요' }).waitFor();
    await b.page
      .locator('[data-testid=chat-message][data-kind=SCREENSHOT]')
      .filter({ hasText: 'Alice Kim 님이 스크린샷을 찍었어요' })
      .waitFor();
    await a.page.locator('[data-testid=chat-message][data-kind=SCREENSHOT]').filter({ hasText: 'You took a screenshot' }).waitFor();

    const album = await gql(
      stack,
      'query { screenshots(first: 5) { totalCount nodes { id kind url width height room { id } } } }',
      {},
      { token: alice.token },
    );
    expect(album.data.screenshots.totalCount).toBe(1);
    const [shot] = album.data.screenshots.nodes;
    expect(shot.kind).toBe('SCREENSHOT');
    expect(shot.room.id).toBe(decodeURIComponent(new URL(a.page.url()).pathname.split('/').pop()!));
    // The picture is the two cameras (screenshot.ts; e2e/call-screenshot.test.ts checks it closely), not a blank canvas.
    const image = Buffer.from(await (await fetch(new URL(shot.url, stack.baseUrl))).arrayBuffer());
    const stats = await sharp(image).stats();
    expect(shot.width).toBeGreaterThan(400);
    expect(Math.max(...stats.channels.map((c) => c.stdev))).toBeGreaterThan(20);

    const notes = await gql(stack, 'query { notifications(first: 10) { nodes { type actor { id } } } }', {}, { token: bob.token });
    expect(notes.data.notifications.nodes).toContainEqual({ type: 'SCREENSHOT', actor: { id: alice.id } });

    // Alice hangs up: both pages say so, and both histories show the call ENDED.
    await a.page.getByTestId('leave-call').click();
    await a.page.getByTestId('call-leave-dialog-confirm').click(); // "Leave the call?"
    await a.page.locator('[data-testid=call-outcome][data-ending=left]').waitFor();
    await b.page.locator('[data-testid=call-outcome][data-ending=ENDED]').waitFor();
    expect(await b.page.getByTestId('call-outcome-message').textContent()).toContain('통화가 끝났어요');
    expect(Object.keys(await remoteFrames(b.page))).toEqual([]);

    await a.page.getByRole('link', { name: 'Call history' }).click();
    await a.page.locator('[data-testid=call-history-row][data-status=ENDED]').first().waitFor();
    expect(await a.page.getByTestId('call-status').first().textContent()).toContain('Ended');
    await b.page.getByRole('link', { name: '통화 기록' }).first().click();
    await b.page.locator('[data-testid=call-history-row][data-status=ENDED]').first().waitFor();
    expect(await b.page.getByTestId('call-status').first().textContent()).toContain('종료됨');
    expect(await b.page.getByTestId('call-history-row').first().textContent()).toContain('Alice Kim');

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });

  it('Accept pressed before the tab could connect early: the call connects once, both ways, and stays', async () => {
    const a = await openAs(alice, 'en-US');
    const b = await openAs(bob, 'en-US');
    // Bob's early-connection request is held until he has pressed Accept; his acceptCall then goes out once his tab
    // opens a LiveKit connection (or after a second), so that connection would still be joining when the answer comes.
    let pressed!: () => void;
    const acceptPressed = new Promise<void>((resolve) => (pressed = resolve));
    const livekitConnections: string[] = [];
    const livekitOpened = new Promise<void>((resolve) =>
      b.page.on('websocket', (ws) => {
        if (!ws.url().includes('/rtc')) return;
        livekitConnections.push(ws.url());
        resolve();
      }),
    );
    await b.page.route('**/graphql', async (route) => {
      const operation = (route.request().postDataJSON() as { operationName?: string } | null)?.operationName;
      if (operation === 'PrepareCallAnswer') await acceptPressed;
      if (operation === 'AcceptCall') await Promise.race([livekitOpened, new Promise((resolve) => setTimeout(resolve, 1000))]);
      await route.continue();
    });
    await callFromProfile(a.page, bob);
    await b.page.getByTestId('incoming-call').waitFor();
    await b.page.getByTestId('accept-call').click();
    pressed();
    await b.page.waitForURL((url) => url.pathname.startsWith('/call/'));
    await Promise.all([assertRemoteVideoPlaying(a.page, 1), assertRemoteVideoPlaying(b.page, 1)]);
    // Still on a while later: no second connection of Bob's pushed the call's own out of the room.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const [aliceSees, bobSees] = await Promise.all([assertRemoteVideoPlaying(a.page, 1), assertRemoteVideoPlaying(b.page, 1)]);
    expect(Object.keys(aliceSees)).toEqual([bob.id]);
    expect(Object.keys(bobSees)).toEqual([alice.id]);
    expect(await b.page.locator('[data-testid=call-outcome]').count()).toBe(0);
    // One LiveKit connection: a late early one beside the call's own would take its identity (in a cluster, its join can
    // land last and push the call's connection out).
    expect(livekitConnections).toHaveLength(1);
    await b.page.unrouteAll({ behavior: 'ignoreErrors' });
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });

  it('a declined call tells the caller and goes into history as DECLINED', async () => {
    const a = await openUser(browser, stack.baseUrl, alice, 'en-US', installPeerMeter);
    const b = await openUser(browser, stack.baseUrl, bob, 'en-US', installPeerMeter);
    await callFromProfile(a.page, bob);
    await b.page.getByTestId('incoming-call').waitFor();
    // Bob's tab connected while it rang (his preview shows; LiveKit has him, hidden, his camera and microphone published
    // to nobody): Alice's page shows nobody and receives no media, and declining leaves no trace of that for her. Nor
    // does his tab receive anything of hers before he answers (it subscribes on Accept).
    await b.page.getByTestId('incoming-call-preview').waitFor();
    const roomId = Buffer.from(decodeURIComponent(new URL(a.page.url()).pathname.split('/').pop()!), 'base64url')
      .toString()
      .split(':')[1]!;
    const lk = new RoomServiceClient(livekit!.url.replace(/^ws/, 'http'), livekit!.apiKey, livekit!.apiSecret);
    const inRoom = await waitFor(
      'Bob publishes his camera while it rings',
      () => lk.listParticipants(roomId),
      (participants) => participants.some((p) => p.permission?.hidden && p.tracks.length > 0),
      10_000,
    );
    expect(inRoom.map((p) => [p.name, p.permission?.hidden ?? false]).sort()).toEqual([
      ['Alice Kim', false],
      ['박보검', true],
    ]);
    await a.page.locator('[data-testid=call-tile][data-local=true]').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // time enough for his media to reach her, were it sent
    const bobsTilesWhileRinging = await a.page.locator('[data-testid=call-tile][data-local=false]').count();
    expect(await inboundMediaBytes(a.page)).toBe(0);
    expect(await inboundMediaBytes(b.page)).toBe(0);
    await b.page.getByTestId('decline-call').click();
    await b.page.getByTestId('incoming-call').waitFor({ state: 'hidden' });
    await a.page.locator('[data-testid=call-outcome][data-ending=DECLINED]').waitFor();
    expect(bobsTilesWhileRinging).toBe(0);
    expect(await a.page.locator('[data-testid=call-notice]').count()).toBe(0); // no "Bob joined" / "Bob left"
    expect(await a.page.getByTestId('call-outcome-message').textContent()).toContain('declined');
    await b.page.goto('/calls');
    await b.page.locator('[data-testid=call-history-row][data-status=DECLINED]').first().waitFor();
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  });
});
