/**
 * A phone's full-screen video crops around the face, not the frame's centre (real API, LiveKit, the built client,
 * Chromium with a camera showing a head-and-shoulders portrait on the left of a 16:9 frame). Bob's emotion effect finds his face and
 * shares where it is; on Alice's phone (390×844) his video fills the screen (cover), showing about 0.3 of the frame's
 * width: the centre crop would show 0.35–0.65, cutting his face (~0.2 across) out. Then Bob switches to blur: the
 * person mask alone still places the crop.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { assertRemoteVideoPlaying, befriend, fakeMediaFlags, newUser, waitFor } from '../bench/lib/call/pages.js';
import { launchChromium } from './lib/browser.js';
import { connectCall, openAs } from './lib/call.js';
import { photoOnWhiteFrameToY4m } from './lib/y4m.js';
import { useBrowserSuite } from './lib/suite.js';

const WORK_DIR = join(import.meta.dirname, '../.tmp/e2e-call-face-crop');
const FACES = process.env.FACES_DIR ?? join(import.meta.dirname, '../../shared/faces');
/** Where to keep the phone screenshots (the note's evidence), when set. */
const EVIDENCE = process.env.EVIDENCE_DIR;
const suite = useBrowserSuite({ livekit: true });

interface RemoteCrop {
  face: [number, number] | null;
  /** The object-position the browser applies (percent), as computed style. */
  applied: [number, number];
  video: { width: number; height: number };
  box: { width: number; height: number };
  fit: string;
}

function remoteCrop(page: Page): Promise<RemoteCrop> {
  return page.locator('[data-testid=call-tile][data-local=false] video').evaluate((video: HTMLVideoElement) => {
    const style = getComputedStyle(video);
    const [x, y] = style.objectPosition.split(' ').map((part) => Number.parseFloat(part));
    const face = video.dataset.face?.split(',').map(Number) as [number, number] | undefined;
    return {
      face: face ?? null,
      applied: [x ?? 50, y ?? 50] as [number, number],
      video: { width: video.videoWidth, height: video.videoHeight },
      box: { width: video.clientWidth, height: video.clientHeight },
      fit: style.objectFit,
    };
  });
}

/** The phone after the crop's 0.7 s glide, and the same video showing the whole frame (where the face really is). */
async function keepEvidence(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(1000);
  await page.screenshot({ path: join(EVIDENCE!, `call-390x844-face-crop-${name}.png`) });
  const video = page.locator('[data-testid=call-tile][data-local=false] video');
  await video.evaluate((element: HTMLVideoElement) => element.style.setProperty('object-fit', 'contain', 'important'));
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(EVIDENCE!, `call-390x844-face-crop-${name}-whole-frame.png`) });
  await video.evaluate((element: HTMLVideoElement) => element.style.removeProperty('object-fit'));
}

/** The part of the frame (0–1 across) that shows. */
function shownAcross(crop: RemoteCrop, xPercent = crop.applied[0]): [number, number] {
  const scale = Math.max(crop.box.width / crop.video.width, crop.box.height / crop.video.height);
  const share = crop.box.width / (crop.video.width * scale);
  const start = (xPercent / 100) * (1 - share);
  return [start, start + share];
}

/** Whether the face is well inside what shows (its middle half). */
function faceShown(crop: RemoteCrop): boolean {
  const [from, to] = shownAcross(crop);
  const margin = (to - from) / 4;
  return !!crop.face && crop.face[0] > from + margin && crop.face[0] < to - margin;
}

describe('full-screen video on a phone', () => {
  it('crops around the face the other person shares, from the landmarks and from the person mask', { timeout: 180_000 }, async () => {
    // A head-and-shoulders portrait on the left of a white 16:9 frame: the face ~0.2 across.
    const camera = await photoOnWhiteFrameToY4m(
      join(FACES, 'neutral/vggemo_neutral.jpg'),
      WORK_DIR,
      'face-far-left',
      { size: { height: 720 }, left: 0, top: 0 },
      { width: 1280, height: 720 },
    );
    const browser = await launchChromium([...fakeMediaFlags(15), `--use-file-for-fake-video-capture=${camera}`]);
    try {
      const { stack } = suite;
      const [alice, bob] = [await newUser(stack, 'Alice Crop'), await newUser(stack, 'Bob Crop')];
      await befriend(stack, alice, bob);
      // Both on phones. Bob's emotion effect finds his face by its landmarks; Alice's blur has only the person mask.
      const withEffect = (effect: string) => async (context: BrowserContext) => {
        await context.addInitScript((value) => localStorage.setItem('pp-enter.facechat.effect', value), effect);
      };
      const a = await openAs(browser, stack.baseUrl, alice, 'en-US', withEffect('blur'));
      const b = await openAs(browser, stack.baseUrl, bob, 'en-US', withEffect('emotion'));
      for (const page of [a.page, b.page]) await page.setViewportSize({ width: 390, height: 844 });
      await connectCall(a.page, b.page, bob);
      await assertRemoteVideoPlaying(a.page, 1);
      await assertRemoteVideoPlaying(b.page, 1);

      for (const [what, viewer] of [
        ['landmarks (Bob on Alice’s phone)', a.page],
        ['person mask (Alice on Bob’s phone)', b.page],
      ] as const) {
        const crop = await waitFor(`the face placed by the ${what}`, () => remoteCrop(viewer), faceShown, 60_000, 250);
        console.log(`[call-face-crop] ${what}: ${JSON.stringify(crop)}, shows ${shownAcross(crop).map((v) => v.toFixed(2))}`);
        expect(crop.fit).toBe('cover');
        expect(crop.face![0]).toBeGreaterThan(0.1);
        expect(crop.face![0]).toBeLessThan(0.32);
        // The centre crop would not show the face at all.
        expect(shownAcross(crop, 50)[0]).toBeGreaterThan(crop.face![0]);
        if (EVIDENCE) await keepEvidence(viewer, viewer === a.page ? 'landmarks' : 'mask');
      }
      expect([...a.errors, ...b.errors]).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
