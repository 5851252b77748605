import { describe, expect, it } from 'vitest';
import { convertPlanes } from './framePixelsCpu';

/** A 4×2 I420 frame of one colour (limited-range Y, U, V), laid out as VideoFrame.copyTo lays it out. */
function i420(y: number, u: number, v: number) {
  const planes = new Uint8Array([...Array(8).fill(y), u, u, v, v]);
  const layout = [
    { offset: 0, stride: 4 },
    { offset: 8, stride: 2 },
    { offset: 10, stride: 2 },
  ];
  return { planes, layout };
}

function firstPixel(y: number, u: number, v: number, space?: VideoColorSpaceInit) {
  const { planes, layout } = i420(y, u, v);
  const rgba = new Uint8ClampedArray(4 * 2 * 4);
  convertPlanes(planes, layout, false, 4, 2, space as VideoColorSpace | undefined, rgba);
  return [...rgba.slice(0, 4)];
}

describe('convertPlanes (BT.601 limited range unless the frame says otherwise)', () => {
  it('turns video white and black into 255 and 0, opaque', () => {
    expect(firstPixel(235, 128, 128)).toEqual([255, 255, 255, 255]);
    expect(firstPixel(16, 128, 128)).toEqual([0, 0, 0, 255]);
  });

  it('gets the primaries right (within rounding)', () => {
    const close = (actual: number[], expected: number[]) =>
      actual.slice(0, 3).forEach((c, i) => expect(Math.abs(c - expected[i]!)).toBeLessThanOrEqual(2));
    close(firstPixel(81, 90, 240), [255, 0, 0]);
    close(firstPixel(145, 54, 34), [0, 255, 0]);
    close(firstPixel(41, 240, 110), [0, 0, 255]);
    // Full range: Y is not stretched.
    close(firstPixel(128, 128, 128, { fullRange: true, matrix: 'bt709' }), [128, 128, 128]);
  });

  it('reads NV12 (U and V interleaved in one plane) like I420', () => {
    const planes = new Uint8Array([...Array(8).fill(81), 90, 240, 90, 240]);
    const rgba = new Uint8ClampedArray(32);
    convertPlanes(
      planes,
      [
        { offset: 0, stride: 4 },
        { offset: 8, stride: 4 },
      ],
      true,
      4,
      2,
      undefined,
      rgba,
    );
    expect(Math.abs(rgba[0]! - 255)).toBeLessThanOrEqual(2);
    expect(rgba[1]).toBeLessThanOrEqual(2);
    expect(rgba[2]).toBeLessThanOrEqual(2);
  });
});
