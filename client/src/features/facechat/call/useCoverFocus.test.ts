import { describe, expect, it } from 'vitest';
import { readFaceAttribute } from '../processor/attribute';
import { coverPosition } from './useCoverFocus';

/** The part of the frame (0–1 across) a cover box shows at object-position x %. */
function shownAcross(xPercent: number, video: { width: number; height: number }, box: { width: number; height: number }) {
  const scale = Math.max(box.width / video.width, box.height / video.height);
  const share = box.width / (video.width * scale);
  const start = (xPercent / 100) * (1 - share);
  return [start, start + share] as const;
}

describe('coverPosition', () => {
  const video = { width: 1280, height: 720 };
  const phone = { width: 390, height: 760 };

  it('centres a face on the left of a landscape frame in a portrait phone tile (the centre crop would cut it off)', () => {
    const face = { x: 0.2, y: 0.45 };
    const { x } = coverPosition(face, video, phone);
    const [from, to] = shownAcross(x, video, phone);
    expect((from + to) / 2).toBeCloseTo(0.2, 2);
    // The plain centre crop (50 %) shows 0.36–0.64 of the frame: not the face.
    const [centreFrom] = shownAcross(50, video, phone);
    expect(centreFrom).toBeGreaterThan(0.3);
  });

  it('stops at the frame edges: a face at the very edge puts that edge at the tile edge', () => {
    expect(coverPosition({ x: 0.02, y: 0.5 }, video, phone).x).toBe(0);
    expect(coverPosition({ x: 0.99, y: 0.5 }, video, phone).x).toBe(100);
  });

  it('leaves an axis the box shows whole at the middle', () => {
    // A portrait box over a landscape frame shows the whole height.
    expect(coverPosition({ x: 0.5, y: 0.1 }, video, phone).y).toBe(50);
    // A wide box over the same frame shows the whole width.
    expect(coverPosition({ x: 0.1, y: 0.5 }, video, { width: 1600, height: 600 }).x).toBe(50);
  });
});

describe('readFaceAttribute', () => {
  it('reads "x,y" within 0–1 and refuses anything else', () => {
    expect(readFaceAttribute({ attributes: { face: '0.21,0.47' } })).toEqual({ x: 0.21, y: 0.47 });
    expect(readFaceAttribute({ attributes: { face: '1,0' } })).toEqual({ x: 1, y: 0 });
    for (const bad of ['', '1.5,0.2', '-0.1,0.2', '0.2', 'a,b', '0.2,0.3,0.4'])
      expect(readFaceAttribute({ attributes: { face: bad } })).toBeNull();
    expect(readFaceAttribute({ attributes: {} })).toBeNull();
  });
});
