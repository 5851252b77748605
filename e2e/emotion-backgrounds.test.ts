/**
 * Backgrounds people choose (like Meet), in a real call: a preset picture, blur and a
 * mood picked by hand, switched on the running processor. The published video's top
 * corners (background) show the choice while the person's area stays the camera's.
 */
import { describe, expect, it } from 'vitest';
import { THEMES, colourDistance } from '../client/src/features/facechat/processor/themes.js';
import { PRESET_TOP } from '../client/src/features/facechat/processor/presets.js';
import { harnessState, poll, sampleRemote, useEmotionCall, type RemoteSample } from './lib/emotionCall.js';
import { patchMedian, topCorners, type Rgb } from './lib/harness/imageStats.js';
import type { Page } from 'playwright-core';

const { withCall, keep } = useEmotionCall('e2e-emotion-backgrounds');

/** Waits until both top corners of the received video are within `limit` of `colour`. */
async function cornersNear(viewer: Page, colour: readonly number[], name: string, limit = 60): Promise<RemoteSample> {
  let last: RemoteSample | null = null;
  return poll(`${name} in the remote video`, 15_000, async () => {
    last = await sampleRemote(viewer);
    if (!last) return undefined;
    const near = [last.corners.left, last.corners.right].every((corner) => colourDistance(corner, colour as Rgb) < limit);
    return near ? last : undefined;
  }).finally(() => keep(name, last));
}

describe('chosen backgrounds', () => {
  it('a preset picture, then blur, then a mood by hand reach the other side', async () => {
    await withCall('neutral/vggemo_neutral.jpg', 'chosen', async (publisher, viewer, access, raw) => {
      const rawCorners = topCorners(raw, 640, 480, 3);
      // The person (face, a little below the middle) as the camera shows it.
      const rawFace = patchMedian(raw, 640, 3, 308, 312, 24, 24);
      // A generous frame budget: on a busy machine the processor would rightly fall back to a flat colour to keep the
      // camera's rate (emotion.test.ts tests that), and no background could be seen.
      await publisher.evaluate(`publish(${JSON.stringify(access)}, { mode: 'image', frameBudgetMs: 1000 })`);
      await publisher.evaluate(`setPreset('ocean')`);
      await poll('masks', 20_000, async () => ((await harnessState(publisher)).stats?.masks ?? 0) >= 3 || undefined);

      const ocean = await cornersNear(viewer, PRESET_TOP.ocean, 'preset-ocean');
      expect(colourDistance(ocean.corners.left, rawCorners.left)).toBeGreaterThan(80);
      expect(colourDistance(ocean.centre, rawFace)).toBeLessThan(60); // the face is still the camera's

      await publisher.evaluate(`setPreset('forest')`);
      await cornersNear(viewer, PRESET_TOP.forest, 'preset-forest');

      // Blur: the background is the camera's own again (this wall is plain, so blurred it keeps about its colour — the
      // light window beside the corner brightens it a little), no picture. How blurred a textured background gets is
      // measured in emotion.test.ts (the models-failing case) and call-backgrounds.test.ts.
      await publisher.evaluate(`setMode('blur')`);
      const blurred = await cornersNear(viewer, rawCorners.left, 'blur', 70);
      expect(colourDistance(blurred.corners.left, PRESET_TOP.forest)).toBeGreaterThan(80);

      // Mood by hand: one theme, whatever the face says (this face is neutral), and the attribute says it.
      await publisher.evaluate(`setMood('sad')`);
      await publisher.evaluate(`setMode('mood')`);
      await cornersNear(viewer, THEMES.sad.top, 'mood-sad');
      const remoteEmotion = await poll('the mood attribute', 10_000, async () =>
        (await harnessState(viewer)).remoteEmotion === 'sad' ? 'sad' : undefined,
      );
      expect(remoteEmotion).toBe('sad');
    });
  });
});
