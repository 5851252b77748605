import { describe, expect, it } from 'vitest';
import { FrameBudget, budgetForFrameRate } from './frameBudget';

/** Feeds frames at `fps` for `ms`, each taking `duration(i)`; returns whether the budget was ever called missed. */
function feed(budget: FrameBudget, fps: number, ms: number, duration: (index: number) => number, startMs = 0): boolean {
  let missed = false;
  for (let i = 0, t = startMs; t < startMs + ms; i++, t += 1000 / fps) missed = budget.record(duration(i), t) || missed;
  return missed;
}

describe('FrameBudget', () => {
  it('ignores a single slow frame', () => {
    expect(feed(new FrameBudget({ budgetMs: 30 }), 20, 5000, (i) => (i === 10 ? 200 : 10))).toBe(false);
  });

  it('calls it once most frames miss for the whole window', () => {
    const budget = new FrameBudget({ budgetMs: 30, windowMs: 2000 });
    expect(feed(budget, 20, 1500, () => 45)).toBe(false); // not a full window yet
    expect(feed(budget, 20, 1000, () => 45, 1500)).toBe(true);
  });

  it('does not call it when only some frames miss', () => {
    expect(feed(new FrameBudget({ budgetMs: 30 }), 20, 5000, (i) => (i % 2 ? 45 : 10))).toBe(false);
  });

  it('starts over after reset', () => {
    const budget = new FrameBudget({ budgetMs: 30 });
    feed(budget, 20, 3000, () => 45);
    budget.reset();
    expect(budget.record(45, 3100)).toBe(false);
  });

  it('derives the budget from the frame rate, with a floor', () => {
    expect(budgetForFrameRate(20)).toBeCloseTo(30);
    expect(budgetForFrameRate(undefined)).toBeCloseTo(20);
    expect(budgetForFrameRate(120)).toBe(12);
  });

  it('gives a frame composited on its own thread most of the interval: 720p at 35 ms a frame keeps the effect at 20 fps', () => {
    expect(budgetForFrameRate(20, 'worker')).toBeCloseTo(45);
    const budget = new FrameBudget({ budgetMs: budgetForFrameRate(20, 'worker') });
    expect(feed(budget, 20, 3000, () => 35)).toBe(false);
    const mainThread = new FrameBudget({ budgetMs: budgetForFrameRate(20) });
    expect(feed(mainThread, 20, 3000, () => 35)).toBe(true);
  });
});
