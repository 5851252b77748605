import { describe, expect, it } from 'vitest';
import { facePointsFor, layoutShot } from './screenshotLayout';

describe('layoutShot', () => {
  it('puts a 1:1 call side by side at least 1280 px wide, frames whole and scaled up', () => {
    const layout = layoutShot([
      { width: 640, height: 360 },
      { width: 320, height: 180 },
    ]);
    expect(layout.width).toBe(1280);
    const [a, b] = layout.frames;
    expect(a.w / a.h).toBeCloseTo(16 / 9, 1);
    expect(b.w).toBe(a.w); // the small one is scaled up to the same cell
    expect(a.x).toBe(0);
    expect(b.x + b.w).toBe(1280);
    expect(layout.height).toBe(a.h);
  });

  it('keeps the aspect of a portrait frame next to a landscape one (no cropping) and stays within the longest side', () => {
    const layout = layoutShot([
      { width: 1280, height: 720 },
      { width: 480, height: 640 },
    ]);
    expect(Math.max(layout.width, layout.height)).toBeLessThanOrEqual(1920);
    const [wide, tall] = layout.frames;
    expect(wide.w / wide.h).toBeCloseTo(16 / 9, 1);
    expect(tall.w / tall.h).toBeCloseTo(3 / 4, 1);
    for (const f of layout.frames) expect(f.y + f.h).toBeLessThanOrEqual(layout.height);
  });

  it('alone: one frame fills the picture', () => {
    const layout = layoutShot([{ width: 960, height: 540 }]);
    expect(layout.frames).toEqual([{ x: 0, y: 0, w: 1280, h: 720 }]);
  });
});

describe('facePointsFor', () => {
  const layout = layoutShot([
    { width: 640, height: 360 },
    { width: 640, height: 360 },
  ]);

  it('takes the face inside each frame, else the frame’s upper middle', () => {
    const [left, right] = facePointsFor(layout, [{ x: 0.8, y: 0.3 }]);
    expect(right).toEqual({ x: 0.8, y: 0.3 });
    expect(left.x).toBeCloseTo(layout.frames[0].w / 2 / layout.width, 3);
    expect(left.y).toBeCloseTo(0.38, 2);
  });
});
