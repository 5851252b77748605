/**
 * How the call looks, in the browser against the real API, LiveKit and the built client (fake 1280×720
 * cameras): at 1280×800 a 1:1 call's remote tile fills most of the window with the whole frame shown
 * and a big simulcast layer received; the self-view floats and minimises to a chip; Mute says its
 * state (label, aria-pressed) and M toggles it (not while typing); at 390×844 the remote video is
 * full screen with the control bar at the bottom, the self-view floating and the chat as a sheet;
 * three people get grid and speaker views and pinning. Screenshots go to /work/notes/evidence.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gql, type TestUser } from '../api/src/test/client.js';
import {
  assertRemoteVideoPlaying,
  befriend,
  callContext,
  fakeMediaFlags,
  newUser,
  subscriptionSent,
  waitFor,
} from '../bench/lib/call/pages.js';
import { connectCall } from './lib/call.js';
import { useBrowserSuite, type SignedInPage } from './lib/suite.js';

const suite = useBrowserSuite({ chromiumArgs: fakeMediaFlags(15), livekit: true });
const EVIDENCE = process.env.EVIDENCE_DIR ?? '/work/notes/evidence';

function openAt(user: TestUser, width: number, height: number): Promise<SignedInPage> {
  return suite.signedIn(user, {
    context: (browser, baseUrl, locale) => callContext(browser, baseUrl, { locale, width, height }),
    ready: (page) => subscriptionSent(page, 'IncomingCall'),
  });
}

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector}: not rendered`);
  return found;
}

/** The remote tile's <video>: its rendered size, the decoded frame size and how it is fitted. */
const remoteVideo = (page: Page) =>
  page.locator('[data-testid=call-tile][data-local=false] video').evaluate((video: HTMLVideoElement) => ({
    videoWidth: video.videoWidth,
    videoHeight: video.videoHeight,
    clientWidth: video.clientWidth,
    clientHeight: video.clientHeight,
    fit: getComputedStyle(video).objectFit,
  }));

async function hangUp(...pages: Page[]) {
  await pages[0]!.getByTestId('leave-call').click();
  for (const page of pages) await page.context().close();
}

describe('the call screen', () => {
  it('1:1 at 1280×800: a big, whole remote frame at a big layer; self-view; Mute and M say their state', { timeout: 150_000 }, async () => {
    const [alice, bob] = [await newUser(suite.stack, 'Alice Stage'), await newUser(suite.stack, 'Bob Stage')];
    await befriend(suite.stack, alice, bob);
    const a = await openAt(alice, 1280, 800);
    const b = await openAt(bob, 1280, 800);
    await connectCall(a.page, b.page, bob);
    await assertRemoteVideoPlaying(a.page, 1);

    // The remote tile takes most of the window, and the whole frame shows (contain, 16:9 kept).
    const tile = await box(a.page, '[data-testid=call-tile][data-local=false]');
    console.log(`[call-screen] remote tile at 1280×800: ${Math.round(tile.width)}×${Math.round(tile.height)}`);
    expect(tile.width >= 0.6 * 1280 || tile.height >= 0.6 * 800).toBe(true);
    // A big tile receives a big simulcast layer (it was 240×180).
    const video = await waitFor(
      'a ≥ 640 px wide layer',
      () => remoteVideo(a.page),
      (v) => v.videoWidth >= 640,
      40_000,
      500,
    );
    console.log(
      `[call-screen] remote video: ${video.videoWidth}×${video.videoHeight} in a ${video.clientWidth}×${video.clientHeight} element`,
    );
    expect(video.fit).toBe('contain');
    expect(video.videoWidth / video.videoHeight).toBeCloseTo(16 / 9, 1);
    expect(video.clientWidth).toBeGreaterThan(0.6 * 1280);

    // Our own video floats in a corner; it minimises to a chip and comes back.
    const self = a.page.getByTestId('call-self-view');
    const selfBox = await box(a.page, '[data-testid=call-self-view]');
    expect(selfBox.width).toBeLessThan(tile.width / 3);
    expect(selfBox.x + selfBox.width).toBeLessThanOrEqual(tile.x + tile.width + 1);
    expect(await a.page.getByTestId('call-timer').textContent()).toMatch(/^\d+:\d\d$/);
    mkdirSync(EVIDENCE, { recursive: true });
    await a.page.screenshot({ path: `${EVIDENCE}/call-1280x800.png` });
    await a.page.getByTestId('self-view-minimise').click();
    expect(await self.getAttribute('data-minimised')).toBe('true');
    await a.page.getByTestId('self-view-show').click();
    await a.page.getByTestId('self-view-minimise').waitFor();

    // Mute says what it does and whether it is pressed; Bob sees Alice's tile muted.
    const mute = a.page.getByTestId('toggle-mic');
    await expect.poll(() => mute.isEnabled()).toBe(true);
    expect([await mute.getAttribute('aria-pressed'), (await mute.getAttribute('aria-keyshortcuts')) ?? '']).toEqual(['false', 'm']);
    await a.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('true');
    await a.page.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    await b.page.locator('[data-testid=call-tile][data-local=false]').getByTestId('tile-mic-off').waitFor();
    expect(await mute.locator('svg').getAttribute('data-icon')).toBe('micOff');

    // M toggles it back — but not while typing in the chat.
    await a.page.getByTestId('chat-input').fill('');
    await a.page.getByTestId('chat-input').press('m');
    expect(await mute.getAttribute('aria-pressed')).toBe('true');
    await a.page.getByTestId('call-title').click();
    await a.page.keyboard.press('m');
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('false');
    await a.page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await b.page.locator('[data-testid=call-tile][data-local=false]').getByTestId('tile-mic-off').waitFor({ state: 'detached' });

    // V turns the camera off: the label, the pressed state and Bob's tile follow.
    await a.page.keyboard.press('v');
    await a.page.getByRole('button', { name: 'Camera on', exact: true }).waitFor();
    expect(await a.page.getByTestId('toggle-camera').getAttribute('aria-pressed')).toBe('true');
    await b.page.locator('[data-testid=call-tile][data-local=false][data-camera-off=true]').waitFor();

    // ? lists the shortcuts; Esc closes the list and the focus goes back to its button.
    await a.page.keyboard.press('?');
    const help = a.page.getByTestId('call-shortcuts-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Mute or unmute');
    await a.page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(await a.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-shortcuts');

    // F: the call (stage and controls) goes full screen and back.
    const fullscreenId = () => a.page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid') ?? null);
    await a.page.keyboard.press('f');
    await expect.poll(fullscreenId).toBe('call-live');
    await expect.poll(() => a.page.getByTestId('stage-fullscreen').getAttribute('aria-pressed')).toBe('true');
    await a.page.getByRole('button', { name: 'Exit full screen' }).click();
    await expect.poll(fullscreenId).toBe(null);

    // Back from full screen, the tile is big again and so is the layer it receives.
    const since = Date.now();
    const later = await waitFor(
      'the big layer again',
      () => remoteVideo(a.page),
      (v) => v.videoWidth >= 640,
      30_000,
      500,
    );
    console.log(`[call-screen] after full screen: ${later.videoWidth}×${later.videoHeight} within ${Date.now() - since} ms`);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await hangUp(a.page, b.page);
  });

  it(
    'phone (390×844): full-screen remote video, floating self-view, controls at the bottom, chat as a sheet',
    { timeout: 150_000 },
    async () => {
      const [carol, dave] = [await newUser(suite.stack, 'Carol Phone'), await newUser(suite.stack, 'Dave Phone')];
      await befriend(suite.stack, carol, dave);
      const c = await openAt(carol, 390, 844);
      const d = await openAt(dave, 390, 844);
      // "Dave Phone joined" shows over the call under the stage's buttons: the full-screen button stays uncovered. It
      // shows for a few seconds from the moment Dave answers (his tab connected while it rang): measured then.
      const joinedShown = c.page
        .locator('[data-testid=call-notice][data-kind=joined]')
        .first()
        .waitFor({ timeout: 60_000 })
        .then(async () => {
          const boxes = await Promise.all([
            box(c.page, '[data-testid=call-notice][data-kind=joined]'),
            box(c.page, '[data-testid=stage-fullscreen]'),
          ]);
          await c.page.screenshot({ path: `${EVIDENCE}/call-390x844-notice.png` });
          return boxes;
        });
      await connectCall(c.page, d.page, dave);
      const [joined, fullscreenButton] = await joinedShown;
      const overlap =
        joined.x < fullscreenButton.x + fullscreenButton.width &&
        fullscreenButton.x < joined.x + joined.width &&
        joined.y < fullscreenButton.y + fullscreenButton.height &&
        fullscreenButton.y < joined.y + joined.height;
      expect(overlap, `notice ${JSON.stringify(joined)} over the full-screen button ${JSON.stringify(fullscreenButton)}`).toBe(false);
      expect(joined.y).toBeLessThan(844 / 3);
      await assertRemoteVideoPlaying(c.page, 1);

      const remote = await box(c.page, '[data-testid=call-tile][data-local=false]');
      const controls = await box(c.page, '[data-testid=call-controls]');
      const self = await box(c.page, '[data-testid=call-self-view]');
      console.log(
        `[call-screen] phone: remote ${Math.round(remote.width)}×${Math.round(remote.height)}, controls at y=${Math.round(controls.y)}`,
      );
      expect(remote.width).toBeGreaterThanOrEqual(370);
      expect(remote.height).toBeGreaterThanOrEqual(0.6 * 844);
      expect((await remoteVideo(c.page)).fit).toBe('cover');
      expect(controls.y + controls.height).toBeGreaterThan(844 - 80);
      expect(controls.y).toBeGreaterThanOrEqual(remote.y + remote.height - 1);
      // The self-view floats over the remote video.
      expect(self.y).toBeGreaterThan(remote.y);
      expect(self.y + self.height).toBeLessThanOrEqual(remote.y + remote.height + 1);
      expect(self.width).toBeLessThan(remote.width / 2);
      await c.page.screenshot({ path: `${EVIDENCE}/call-390x844.png` });

      // The chat opens as a sheet with the focus in its field; Esc closes it and gives the focus back.
      await c.page.getByTestId('toggle-chat').click();
      await c.page.getByTestId('chat-input').waitFor();
      await expect.poll(() => c.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('chat-input');
      await c.page.screenshot({ path: `${EVIDENCE}/call-390x844-chat.png` });
      await c.page.keyboard.press('Escape');
      await c.page.getByTestId('chat-input').waitFor({ state: 'hidden' });
      await expect.poll(() => c.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('toggle-chat');

      expect([...c.errors, ...d.errors]).toEqual([]);
      await hangUp(c.page, d.page);
    },
  );

  it('three people: grid, speaker view, pin by double-click', { timeout: 180_000 }, async () => {
    const people = [
      await newUser(suite.stack, 'Eve Three'),
      await newUser(suite.stack, 'Finn Three'),
      await newUser(suite.stack, 'Gus Three'),
    ];
    const created = await gql(
      suite.stack,
      'mutation($i: CreateRoomInput!) { createRoom(input: $i) { room { id } userErrors { message } } }',
      { i: { title: 'Stage test', capacity: 4 } },
      { token: people[0]!.token },
    );
    const roomId = created.data.createRoom.room.id as string;
    const pages = [];
    for (const person of people) {
      const opened = await openAt(person, 1280, 800);
      await opened.page.goto(`/call/${roomId}`);
      pages.push(opened);
    }
    const eve = pages[0]!.page;
    await assertRemoteVideoPlaying(eve, 2);
    const grid = eve.getByTestId('call-grid');
    expect(await grid.getAttribute('data-mode')).toBe('grid');
    expect(await eve.locator('[data-testid=call-tiles] [data-testid=call-tile]').count()).toBe(3);

    // Speaker view: one big, the others in the strip.
    await eve.getByTestId('stage-view').click();
    await expect.poll(() => grid.getAttribute('data-mode')).toBe('speaker');
    expect(await eve.locator('[data-testid=call-strip] [data-testid=call-tile]').count()).toBe(2);
    await eve.getByTestId('stage-view').click();
    await expect.poll(() => grid.getAttribute('data-mode')).toBe('grid');

    // Double-click pins someone: they are shown big, marked pinned; again unpins.
    const gus = eve.locator(`[data-testid=call-tile][data-user-id="${people[2]!.id}"]`);
    await gus.dblclick();
    await expect.poll(() => grid.getAttribute('data-mode')).toBe('speaker');
    const featured = eve.locator('[data-testid=call-featured] [data-testid=call-tile]');
    await expect.poll(() => featured.getAttribute('data-user-id')).toBe(people[2]!.id);
    expect(await featured.getAttribute('data-pinned')).toBe('true');
    const big = await box(eve, '[data-testid=call-featured]');
    expect(big.width).toBeGreaterThan(0.6 * 1280);
    await eve.screenshot({ path: `${EVIDENCE}/call-1280x800-speaker.png` });
    await featured.dblclick();
    await expect.poll(() => grid.getAttribute('data-mode')).toBe('grid');

    // The ⋯ menu pins too.
    const finn = eve.locator(`[data-testid=call-tile][data-user-id="${people[1]!.id}"]`);
    await finn.getByTestId('tile-more').click();
    await finn.getByTestId('tile-menu-pin').click();
    await expect.poll(() => featured.getAttribute('data-user-id')).toBe(people[1]!.id);
    expect(await featured.getAttribute('data-pinned')).toBe('true');

    expect(pages.flatMap((p) => p.errors)).toEqual([]);
    for (const p of pages) await p.page.context().close();
  });
});
