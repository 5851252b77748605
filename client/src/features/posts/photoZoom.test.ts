import { describe, expect, it } from 'vitest';
import { clampZoom, pinchZoom } from './photoZoom';

describe('photo zoom', () => {
  it('keeps the zoom between fitted and four times, snapping near-fitted to fitted', () => {
    expect(clampZoom(0.5)).toBe(1);
    expect(clampZoom(1.01)).toBe(1);
    expect(clampZoom(2.5)).toBe(2.5);
    expect(clampZoom(9)).toBe(4);
    expect(clampZoom(Number.NaN)).toBe(1);
  });

  it('scales by the change of distance between two fingers', () => {
    expect(pinchZoom(1, 100, 200)).toBe(2);
    expect(pinchZoom(2, 200, 100)).toBe(1);
    expect(pinchZoom(1.5, 0, 50)).toBe(1.5);
  });
});
