import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../emotion/classify';
import { colourDistance, nearestTheme, THEMES } from './themes';
import { particleAt } from './themeRenderer';

describe('themes', () => {
  it('has a theme for every emotion the classifier returns', () => {
    for (const emotion of EMOTIONS) expect(THEMES[emotion].emotion).toBe(emotion);
  });

  it('keeps the top colours far apart, so a video corner tells its theme even after a codec', () => {
    const tops = Object.values(THEMES).map((theme) => theme.top);
    for (let i = 0; i < tops.length; i++) {
      for (let j = i + 1; j < tops.length; j++) expect(colourDistance(tops[i], tops[j])).toBeGreaterThan(100);
    }
  });

  it('reads a slightly shifted top colour back as its theme', () => {
    for (const theme of Object.values(THEMES)) {
      const shifted = theme.top.map((value) => Math.min(255, value + 20)) as unknown as typeof theme.top;
      expect(nearestTheme(shifted).theme.emotion).toBe(theme.emotion);
    }
  });

  it('is not mistaken for a plain light wall or a dark room', () => {
    for (const theme of Object.values(THEMES)) {
      expect(colourDistance(theme.top, [232, 228, 220])).toBeGreaterThan(80);
      expect(colourDistance(theme.top, [20, 20, 20])).toBeGreaterThan(80);
    }
  });

  it('moves particles over time and keeps them finite', () => {
    for (const theme of Object.values(THEMES)) {
      const before = particleAt(theme, 3, 1, 640, 480);
      const after = particleAt(theme, 3, 1.5, 640, 480);
      expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(0);
      for (const value of Object.values(after)) expect(Number.isFinite(value)).toBe(true);
      expect(after.alpha).toBeGreaterThanOrEqual(0);
      expect(after.alpha).toBeLessThanOrEqual(1);
    }
  });
});
