/**
 * Issue 13: the background picker through the app. In a call Alice opens the settings, sees the live preview of what
 * she sends, chooses Blur, then a picture (Ocean): Bob's received video of her changes each time (sharpness drops
 * with blur; the picture's colours at the top corners with Ocean). After a reload her next call starts with Ocean,
 * the picker showing it chosen. Real API, LiveKit, models and Chromium (its fake camera); build the client first.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { colourDistance } from '../client/src/features/facechat/processor/themes.js';
import { PRESET_TOP } from '../client/src/features/facechat/processor/presets.js';
import { befriend, fakeMediaFlags, newUser, subscriptionSent, waitFor } from '../bench/lib/call/pages.js';
import { connectCall, openAs } from './lib/call.js';
import { useBrowserSuite } from './lib/suite.js';
import { sampleVideo, type VideoSample } from './lib/videoSample.js';

const suite = useBrowserSuite({ livekit: true, chromiumArgs: fakeMediaFlags(15) });

/** Alice's profile: the effect starts off once (a new profile), then stays whatever she chooses, across reloads. */
async function effectOffOnce(browser: Browser, baseUrl: string, locale: string) {
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport: { width: 1100, height: 800 } });
  context.setDefaultTimeout(20_000);
  await context.addInitScript(() => {
    try {
      if (!localStorage.getItem('pp-enter.facechat.effect')) localStorage.setItem('pp-enter.facechat.effect', 'off');
    } catch {
      /* about:blank has no storage */
    }
  });
  return context;
}

const REMOTE_VIDEO = '[data-testid=call-tile][data-local=false] video';

/** Bob's view of Alice, sampled until `done` says it shows what is expected. */
const remoteUntil = (page: Page, what: string, done: (s: VideoSample) => boolean, timeoutMs = 30_000) =>
  waitFor(
    what,
    () => sampleVideo(page, REMOTE_VIDEO),
    (s): s is VideoSample => !!s && done(s),
    timeoutMs,
  ) as Promise<VideoSample>;

/** Picks a radio of the picker the way a person does: clicking its label. */
const pick = (page: Page, testid: string) =>
  page
    .locator('label', { has: page.getByTestId(testid) })
    .first()
    .click();

describe('the background picker in a call', () => {
  it(
    'blur and a picture chosen in the settings reach the other side, and the choice stays after a reload',
    { timeout: 180_000 },
    async () => {
      const [alice, bob] = [await newUser(suite.stack, 'Alice Kim'), await newUser(suite.stack, 'Bob Lee')];
      await befriend(suite.stack, alice, bob);
      const a = await suite.signedIn(alice, { context: effectOffOnce, ready: (page) => subscriptionSent(page, 'IncomingCall') });
      const b = await openAs(suite.browser, suite.stack.baseUrl, bob, 'en-US');
      await connectCall(a.page, b.page, bob);

      // Off: Bob sees her camera as it is.
      // (Once her frames are drawn: a video not yet playing samples as black, with no detail at all.)
      const playing = (s: VideoSample) => s.sharpness > 0.5;
      const off = await remoteUntil(b.page, 'her camera', playing);
      await b.page.waitForTimeout(1000);
      const offAgain = await remoteUntil(b.page, 'her camera, again', playing);
      const offSharpness = Math.min(off.sharpness, offAgain.sharpness);
      console.log(
        `[call-backgrounds] off: corners ${JSON.stringify(off.corners)}, sharpness ${off.sharpness.toFixed(2)}/${offAgain.sharpness.toFixed(2)}`,
      );

      // The settings: the picker with its live preview.
      await a.page.getByTestId('call-settings').click();
      const picker = a.page.getByTestId('effect-picker');
      await picker.waitFor();
      expect(await a.page.getByTestId('effect-off').isChecked()).toBe(true);

      // Blur: the preview plays what she sends, and Bob's picture of her gets soft.
      await pick(a.page, 'effect-blur');
      await waitFor(
        'the live preview',
        () =>
          picker
            .getByTestId('effect-preview')
            .locator('video')
            .evaluate((v: HTMLVideoElement) => v.videoWidth),
        (width) => width > 0,
        20_000,
      );
      const blur = await remoteUntil(b.page, 'her blurred video', (s) => s.sharpness < offSharpness * 0.6);
      console.log(`[call-backgrounds] blur: sharpness ${blur.sharpness.toFixed(2)}`);

      // A picture: Ocean's sky at the top corners of what Bob receives.
      await pick(a.page, 'effect-image');
      await pick(a.page, 'image-ocean');
      const ocean = await remoteUntil(b.page, 'Ocean behind her', (s) =>
        [s.corners.left, s.corners.right].every((corner) => colourDistance(corner, PRESET_TOP.ocean) < 60),
      );
      expect(colourDistance(ocean.corners.left, off.corners.left)).toBeGreaterThan(80);

      // She hangs up and reloads: her next call starts with Ocean, and the picker says so.
      await a.page.getByTestId('leave-call').click();
      await a.page.getByTestId('call-leave-dialog-confirm').click();
      await a.page.getByTestId('call-outcome').waitFor();
      await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
      await a.page.getByTestId('home-welcome').waitFor();
      await a.page.reload();
      await a.page.getByTestId('home-welcome').waitFor();
      await connectCall(a.page, b.page, bob);
      await remoteUntil(b.page, 'Ocean behind her again', (s) =>
        [s.corners.left, s.corners.right].every((corner) => colourDistance(corner, PRESET_TOP.ocean) < 60),
      );
      await a.page.getByTestId('call-settings').click();
      expect(await a.page.getByTestId('effect-image').isChecked()).toBe(true);
      expect(await a.page.getByTestId('image-ocean').isChecked()).toBe(true);

      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
      await Promise.all([a.page.context().close(), b.page.context().close()]);
    },
  );
});
