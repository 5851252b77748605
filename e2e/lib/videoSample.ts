/**
 * What a <video> in the app shows right now, for tests that compare received pictures: the frame scaled to
 * SAMPLE_SIZE, its top corners (the background in a call: the person is in the middle) and its sharpness.
 */
import type { Page } from 'playwright-core';
import { sharpness, topCorners, type Rgb } from './harness/imageStats.js';

export const SAMPLE_SIZE = { width: 160, height: 120 } as const;

export interface VideoSample {
  corners: { left: Rgb; right: Rgb };
  sharpness: number;
}

/** Samples the first <video> matching `selector` (null while it has no frame). */
export async function sampleVideo(page: Page, selector: string): Promise<VideoSample | null> {
  const pixels = await page
    .locator(selector)
    .first()
    .evaluate((element: HTMLVideoElement, size) => {
      if (!element.videoWidth) return null;
      const canvas = document.createElement('canvas');
      canvas.width = size.width;
      canvas.height = size.height;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(element, 0, 0, size.width, size.height);
      return Array.from(context.getImageData(0, 0, size.width, size.height).data);
    }, SAMPLE_SIZE);
  if (!pixels) return null;
  return {
    corners: topCorners(pixels, SAMPLE_SIZE.width, SAMPLE_SIZE.height, 4),
    sharpness: sharpness(pixels, SAMPLE_SIZE.width, SAMPLE_SIZE.height, 4),
  };
}
