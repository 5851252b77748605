import { describe, expect, it } from 'vitest';
import { faceFromLandmarks, faceWorthSharing, headFromMask } from './facePoint';

/** A width×height mask with the person as the rectangles given (alpha 1), the rest 0. */
function mask(width: number, height: number, person: { x0: number; x1: number; y0: number; y1: number }[]): Float32Array {
  const alpha = new Float32Array(width * height);
  for (const r of person) for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) alpha[y * width + x] = 1;
  return alpha;
}

describe('headFromMask', () => {
  it('finds the head of a head-and-shoulders silhouette on the left of the frame, not the middle of the body', () => {
    // 100×60: a head (x 20–30, rows 10–22) over wide shoulders (x 5–55, rows 22–60).
    const alpha = mask(100, 60, [
      { x0: 20, x1: 30, y0: 10, y1: 22 },
      { x0: 5, x1: 55, y0: 22, y1: 60 },
    ]);
    const head = headFromMask(alpha, 100, 60)!;
    expect(head.x).toBeCloseTo(0.25, 2);
    expect(head.y).toBeGreaterThan(10 / 60);
    expect(head.y).toBeLessThan(22 / 60);
  });

  it('ignores stray pixels and says null when nobody is in the frame', () => {
    const stray = mask(100, 60, [{ x0: 90, x1: 91, y0: 0, y1: 60 }]);
    expect(headFromMask(stray, 100, 60)).toBeNull();
    expect(headFromMask(new Float32Array(100 * 60), 100, 60)).toBeNull();
  });
});

describe('faceFromLandmarks', () => {
  it('is the mean of the landmarks, or null without any', () => {
    expect(
      faceFromLandmarks([
        { x: 0.1, y: 0.2 },
        { x: 0.3, y: 0.4 },
      ]),
    ).toEqual({ x: 0.2, y: expect.closeTo(0.3, 5) });
    expect(faceFromLandmarks([])).toBeNull();
    expect(faceFromLandmarks(undefined)).toBeNull();
  });
});

describe('faceWorthSharing', () => {
  const at = { x: 0.3, y: 0.4 };
  it('shares the first position at once', () => expect(faceWorthSharing(null, 0, at, 0)).toBe(true));
  it('does not share small moves, nor any move within a second', () => {
    expect(faceWorthSharing(at, 0, { x: 0.33, y: 0.42 }, 5000)).toBe(false);
    expect(faceWorthSharing(at, 4500, { x: 0.6, y: 0.4 }, 5000)).toBe(false);
  });
  it('shares a clear move after a second', () => expect(faceWorthSharing(at, 3000, { x: 0.6, y: 0.4 }, 5000)).toBe(true));
});
