import { describe, expect, it } from 'vitest';
import { tileLayout } from './tileLayout';

describe('tileLayout', () => {
  it('gives one person the whole stage at the video aspect ratio', () => {
    const layout = tileLayout({ count: 1, width: 1280, height: 700 });
    expect([layout.columns, layout.rows]).toEqual([1, 1]);
    // Height-bound: 700 high, 16:9 wide.
    expect(layout.tileHeight).toBe(700);
    expect(layout.tileWidth).toBe(1244);
  });

  it('puts two people side by side on a wide screen and one above the other on a phone', () => {
    expect(tileLayout({ count: 2, width: 1280, height: 700 })).toMatchObject({ columns: 2, rows: 1 });
    expect(tileLayout({ count: 2, width: 390, height: 700 })).toMatchObject({ columns: 1, rows: 2 });
  });

  it('keeps the grid balanced for 3 to 16 people on a 16:10 screen (16:9 tiles: taller grids win)', () => {
    const grids = [3, 4, 5, 6, 9, 10, 16].map((count) => {
      const { columns, rows } = tileLayout({ count, width: 1280, height: 800 });
      return `${count}:${columns}x${rows}`;
    });
    expect(grids).toEqual(['3:2x2', '4:2x2', '5:2x3', '6:2x3', '9:3x3', '10:3x4', '16:4x4']);
  });

  it('never leaves a whole row empty and always fits the container', () => {
    for (let count = 1; count <= 16; count++) {
      for (const [width, height] of [
        [1280, 700],
        [390, 600],
        [800, 800],
      ] as const) {
        const { columns, rows, tileWidth, tileHeight } = tileLayout({ count, width, height, gap: 8 });
        expect(columns * rows).toBeGreaterThanOrEqual(count);
        expect((rows - 1) * columns).toBeLessThan(count);
        expect(columns * tileWidth + (columns - 1) * 8).toBeLessThanOrEqual(width);
        expect(rows * tileHeight + (rows - 1) * 8).toBeLessThanOrEqual(height);
      }
    }
  });

  it('copes with an unmeasured (zero) container', () => {
    expect(tileLayout({ count: 3, width: 0, height: 0 })).toMatchObject({ tileWidth: 0, tileHeight: 0 });
  });
});
