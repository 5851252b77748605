import { describe, expect, it } from 'vitest';
import { BaselineLearner, MAX_REST, applyBaseline, isRestingFrame, meanBaseline } from './baseline';
import { classifyEmotion } from './classify';

/** A face whose brows rest lowered: reads angry without a baseline. */
const RESTING_FROWNER = { browDownLeft: 0.32, browDownRight: 0.3, browInnerUp: 0.05, mouthSmileLeft: 0.02, mouthSmileRight: 0.02 };
/** A face whose inner brows rest raised: reads sad without a baseline. */
const RESTING_WORRIER = { browInnerUp: 0.35, browOuterUpLeft: 0.05, browOuterUpRight: 0.05 };

const feed = (learner: BaselineLearner, frame: Record<string, number>, fromMs: number, toMs: number, stepMs = 125) => {
  for (let timeMs = fromMs; timeMs <= toMs; timeMs += stepMs) learner.observe(frame, timeMs);
};

describe('applyBaseline', () => {
  it('reads a resting face as neutral once its rest is subtracted, for brows that rest lowered or raised', () => {
    expect(classifyEmotion(RESTING_FROWNER).emotion).toBe('angry');
    expect(classifyEmotion(RESTING_WORRIER).emotion).toBe('sad');
    expect(classifyEmotion(applyBaseline(RESTING_FROWNER, meanBaseline([RESTING_FROWNER]))).emotion).toBe('neutral');
    expect(classifyEmotion(applyBaseline(RESTING_WORRIER, meanBaseline([RESTING_WORRIER]))).emotion).toBe('neutral');
  });

  it('still recognises the expressions of a face with a baseline', () => {
    const baseline = meanBaseline([RESTING_FROWNER]);
    const smile = { ...RESTING_FROWNER, mouthSmileLeft: 0.8, mouthSmileRight: 0.75 };
    const scowl = { ...RESTING_FROWNER, browDownLeft: 0.85, browDownRight: 0.8 };
    expect(classifyEmotion(applyBaseline(smile, baseline)).emotion).toBe('happy');
    expect(classifyEmotion(applyBaseline(scowl, baseline)).emotion).toBe('angry');
    // A fully lowered brow still reaches 1: the rest is subtracted and the range rescaled.
    expect(applyBaseline({ browDownLeft: 1 }, baseline).browDownLeft).toBeCloseTo(1, 6);
  });

  it('caps a learned rest, so a baseline taken while frowning hard cannot erase anger', () => {
    const baseline = meanBaseline([{ browDownLeft: 0.9, browDownRight: 0.9 }])!;
    expect(baseline.browDownLeft).toBe(MAX_REST);
    expect(classifyEmotion(applyBaseline({ browDownLeft: 0.95, browDownRight: 0.95 }, baseline)).emotion).toBe('angry');
  });

  it('changes nothing without a baseline or at strength 0', () => {
    expect(applyBaseline(RESTING_FROWNER, null)).toEqual(RESTING_FROWNER);
    expect(applyBaseline(RESTING_FROWNER, meanBaseline([RESTING_FROWNER]), 0)).toEqual(RESTING_FROWNER);
  });
});

describe('BaselineLearner', () => {
  it('learns the resting face from the first seconds with a face', () => {
    const learner = new BaselineLearner({ learnMs: 3000, minFrames: 8 });
    feed(learner, RESTING_FROWNER, 0, 2500);
    expect(learner.isLearning).toBe(true);
    expect(learner.baseline).toBeNull();
    feed(learner, RESTING_FROWNER, 2625, 3500);
    expect(learner.isLearning).toBe(false);
    expect(learner.baseline!.browDownLeft).toBeCloseTo(0.32, 6);
  });

  it('leaves a greeting smile out of the resting face', () => {
    const smile = { mouthSmileLeft: 0.9, mouthSmileRight: 0.9 };
    expect(isRestingFrame(smile)).toBe(false);
    const learner = new BaselineLearner({ learnMs: 3000, minFrames: 8 });
    feed(learner, smile, 0, 1500);
    feed(learner, RESTING_WORRIER, 1625, 4000);
    expect(learner.baseline!.mouthSmileLeft).toBe(0);
    expect(learner.baseline!.browInnerUp).toBeCloseTo(0.35, 6);
  });

  it('keeps learning past the window until enough resting frames came', () => {
    const learner = new BaselineLearner({ learnMs: 1000, minFrames: 8 });
    feed(learner, { browDownLeft: 0.95, browDownRight: 0.95 }, 0, 5000); // a strong scowl is no resting face
    expect(learner.baseline).toBeNull();
    feed(learner, RESTING_FROWNER, 5125, 6125);
    expect(learner.baseline).not.toBeNull();
  });

  it('skips frames where the face moves (low activity only)', () => {
    const learner = new BaselineLearner({ learnMs: 0, minFrames: 3 });
    // Alternating between two quite different faces: every frame moved a lot from the one before.
    for (let i = 0; i < 10; i++)
      learner.observe(i % 2 ? RESTING_WORRIER : { ...RESTING_FROWNER, eyeWideLeft: 0.4, eyeWideRight: 0.4 }, i * 125);
    expect(learner.baseline).toBeNull();
  });

  it('calibrates again on restart and keeps the old baseline until then; reset forgets it', () => {
    const learner = new BaselineLearner({ learnMs: 1000, minFrames: 4 });
    feed(learner, RESTING_FROWNER, 0, 1500);
    learner.restart();
    expect(learner.isLearning).toBe(true);
    expect(learner.baseline!.browDownLeft).toBeCloseTo(0.32, 6);
    feed(learner, RESTING_WORRIER, 2000, 3500);
    expect(learner.baseline!.browDownLeft).toBeCloseTo(0, 6);
    expect(learner.baseline!.browInnerUp).toBeCloseTo(0.35, 6);
    learner.reset();
    expect(learner.baseline).toBeNull();
  });
});
