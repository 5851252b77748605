import { describe, expect, it } from 'vitest';
import { FrameBudget, budgetForFrameRate, FullEffectTrials } from './frameBudget';

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

describe('FullEffectTrials: the full effect tried again after the colour fallback', () => {
  it('stays flat for the first wait, then tries; a trial that keeps up brings the effect back', () => {
    const trials = new FullEffectTrials(10_000, 60_000, 3_000);
    trials.fellBack(0);
    expect(trials.frame(9_999, false)).toBeNull();
    expect(trials.trying).toBe(false);
    expect(trials.frame(10_000, false)).toBe('try');
    expect(trials.trying).toBe(true);
    expect(trials.frame(12_999, false)).toBeNull();
    expect(trials.frame(13_000, false)).toBe('recovered');
    expect(trials.trying).toBe(false);
  });

  it('a trial the budget says misses goes flat again, and the next wait doubles up to the cap', () => {
    const trials = new FullEffectTrials(10_000, 30_000, 3_000);
    trials.fellBack(0);
    expect(trials.frame(10_000, false)).toBe('try');
    expect(trials.frame(12_000, true)).toBe('flat');
    expect(trials.frame(31_999, false)).toBeNull(); // 20 s now
    expect(trials.frame(32_000, false)).toBe('try');
    expect(trials.frame(34_000, true)).toBe('flat');
    expect(trials.frame(63_999, false)).toBeNull(); // capped at 30 s
    expect(trials.frame(64_000, false)).toBe('try');
  });

  it('starts from the first wait again after a reset (another mode)', () => {
    const trials = new FullEffectTrials(10_000, 60_000, 3_000);
    trials.fellBack(0);
    trials.frame(10_000, false);
    trials.frame(11_000, true); // wait now 20 s
    trials.reset();
    trials.fellBack(20_000);
    expect(trials.frame(30_000, false)).toBe('try');
  });
});
