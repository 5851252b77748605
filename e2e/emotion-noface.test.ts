/**
 * No face in view. Two camera pictures the landmarker finds no face in:
 * - a body-only crop of a labelled photo (neck, hair and shirt): the segmenter sees a
 *   person, so the published video keeps the person's own pixels with the theme only
 *   behind them;
 * - the same person with the face pixelated into large blocks: the segmenter (which
 *   leans on faces) loses the body too. This used to become the theme over the whole
 *   frame ("a solid teal box labelled Calm"); now a head-and-shoulders silhouette
 *   keeps the person visible with the theme around them.
 * In both the badge stays at its emotion (neutral: no face was ever seen).
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { THEMES, colourDistance } from '../client/src/features/facechat/processor/themes.js';
import { FACES, THUMB, harnessState, poll, sampleRemote, useEmotionCall, type RemoteSample } from './lib/emotionCall.js';
import type { Page } from 'playwright-core';

const { withCall, keep, workDir } = useEmotionCall('e2e-emotion-noface');

const PHOTO = join(FACES, 'neutral/vggemo_neutral.jpg'); // 683×1024
/** Below the chin: hair, neck and shirt — a person, but no face. */
const BODY = { left: 0, top: 470, width: 683, height: 554 };
/** Generous face box, pixelated in the faceless picture. */
const FACE = { left: 190, top: 220, width: 300, height: 380 };
/** The person in the 64×48 thumbnail of each camera frame (centre, where the neck and shirt are). */
const PERSON_BOX = { x: 22, y: 24, w: 20, h: 20 };
const NEUTRAL = THEMES.neutral.top;

async function bodyOnly(): Promise<string> {
  const file = join(workDir, 'body.png');
  await sharp(PHOTO).extract(BODY).toFile(file);
  return file;
}

async function pixelatedFace(): Promise<string> {
  const file = join(workDir, 'pixelated.png');
  // One resize per sharp pipeline: shrink, then blow the tiny image up again in a second one.
  const tiny = await sharp(PHOTO).extract(FACE).resize(5, 6).png().toBuffer();
  const blocks = await sharp(tiny).resize(FACE.width, FACE.height, { kernel: 'nearest' }).png().toBuffer();
  await sharp(PHOTO)
    .composite([{ input: blocks, left: FACE.left, top: FACE.top }])
    .toFile(file);
  return file;
}

type Image = { pixels: ArrayLike<number>; channels: 3 | 4 };
const rgba = (pixels: ArrayLike<number>): Image => ({ pixels, channels: 4 });
const rgb = (pixels: ArrayLike<number>): Image => ({ pixels, channels: 3 });
/** A thumbnail of one colour. */
const flat = (colour: readonly number[]): Image => rgb(Buffer.alloc(THUMB.width * THUMB.height * 3).map((_, i) => colour[i % 3]));

/** Mean per-channel difference inside PERSON_BOX between two thumbnails. */
function personDifference(a: Image, b: Image): number {
  let sum = 0;
  let count = 0;
  for (let y = PERSON_BOX.y; y < PERSON_BOX.y + PERSON_BOX.h; y++) {
    for (let x = PERSON_BOX.x; x < PERSON_BOX.x + PERSON_BOX.w; x++) {
      const i = y * THUMB.width + x;
      for (let c = 0; c < 3; c++) sum += Math.abs(a.pixels[i * a.channels + c] - b.pixels[i * b.channels + c]);
      count += 3;
    }
  }
  return sum / count;
}

async function thumbOf(raw: Buffer): Promise<Buffer> {
  return sharp(raw, { raw: { width: 640, height: 480, channels: 3 } })
    .resize(THUMB.width, THUMB.height, { fit: 'fill' })
    .raw()
    .toBuffer();
}

/** Publishes, waits until the recogniser and segmenter ran, and checks that no face was ever found. */
async function publishWithoutFace(publisher: Page, access: unknown) {
  await publisher.evaluate(`publish(${JSON.stringify(access)}, { mode: 'emotion' })`);
  await poll('recognitions and masks', 20_000, async () => {
    const stats = (await harnessState(publisher)).stats;
    return stats && stats.recognitions >= 5 && stats.masks >= 5 ? true : undefined;
  });
  expect((await harnessState(publisher)).stats!.faces).toBe(0);
  // Let the mask settle (it is blended over time).
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

async function expectBadgeNeutral(publisher: Page, viewer: Page) {
  const local = await harnessState(publisher);
  expect(local.localChanges.every((change) => change.emotion === 'neutral' && !change.faceFound)).toBe(true);
  expect(local.fallback).toBeNull();
  const remote = await poll(
    'the emotion attribute at the viewer',
    10_000,
    async () => (await harnessState(viewer)).remoteEmotion ?? undefined,
  );
  expect(remote).toBe('neutral');
}

/** Waits for a received frame whose corners show the neutral theme and whose person area is the camera's. */
async function expectPersonOnTheme(viewer: Page, camera: Image, name: string) {
  let last: RemoteSample | null = null;
  return poll('the person on the neutral theme', 15_000, async () => {
    last = await sampleRemote(viewer);
    if (!last) return undefined;
    const corners = [last.corners.left, last.corners.right].map((corner) => Math.round(colourDistance(corner, NEUTRAL)));
    const person = Math.round(personDifference(rgba(last.thumb), camera));
    return corners.every((distance) => distance < 60) && person < 25 ? { corners, person } : undefined;
  }).finally(() => keep(`${name}-remote`, last));
}

describe('no face in view', () => {
  it('body without a face: the person keeps their own pixels, the theme is behind them', async () => {
    await withCall(await bodyOnly(), 'body', async (publisher, viewer, access, raw) => {
      const camera = rgb(await thumbOf(raw));
      // The test can fail: the theme's colour over the person would be this far from the camera.
      expect(personDifference(camera, flat(NEUTRAL))).toBeGreaterThan(40);
      await publishWithoutFace(publisher, access);
      const verdict = await expectPersonOnTheme(viewer, camera, 'body');
      console.log(
        `[emotion] body without a face: ${JSON.stringify(verdict)}, coverage ${(await harnessState(publisher)).stats?.maskCoverage}`,
      );
      await expectBadgeNeutral(publisher, viewer);
    });
  });

  it('face covered, so the segmenter loses the body too: the person stays visible on the theme, not a flat box', async () => {
    await withCall(await pixelatedFace(), 'pixelated', async (publisher, viewer, access, raw) => {
      const camera = rgb(await thumbOf(raw));
      expect(personDifference(camera, flat(NEUTRAL))).toBeGreaterThan(40);
      await publishWithoutFace(publisher, access);
      // The segmenter really finds (almost) nobody here: this is the case that used to become a teal box.
      const coverage = (await harnessState(publisher)).stats!.maskCoverage;
      expect(coverage).toBeLessThan(0.04);
      const verdict = await expectPersonOnTheme(viewer, camera, 'pixelated');
      console.log(`[emotion] face covered: ${JSON.stringify(verdict)}, mask coverage ${coverage.toFixed(3)}`);
      await expectBadgeNeutral(publisher, viewer);
    });
  });
});
