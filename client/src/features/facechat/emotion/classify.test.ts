import { describe, expect, it } from 'vitest';
import { EMOTIONS, NEUTRAL_LEVEL, classifyEmotion, emotionEvidence } from './classify';

/**
 * A relaxed face as MediaPipe reports it: not all zeros (eyeSquint and the brows
 * idle at 0.1–0.4 on real faces), so the rules are tested against realistic noise.
 */
const RELAXED_FACE: Record<string, number> = {
  browInnerUp: 0.1,
  browOuterUpLeft: 0.12,
  browOuterUpRight: 0.1,
  browDownLeft: 0.03,
  browDownRight: 0.02,
  eyeSquintLeft: 0.4,
  eyeSquintRight: 0.3,
  eyeWideLeft: 0.01,
  eyeWideRight: 0.01,
  eyeBlinkLeft: 0.15,
  eyeBlinkRight: 0.12,
  jawOpen: 0.01,
  mouthSmileLeft: 0.01,
  mouthSmileRight: 0.0,
  mouthFrownLeft: 0.01,
  mouthFrownRight: 0.0,
  mouthPressLeft: 0.04,
  mouthPressRight: 0.05,
  mouthUpperUpLeft: 0.0,
  mouthUpperUpRight: 0.0,
  noseSneerLeft: 0.0,
  noseSneerRight: 0.0,
};

const face = (changes: Record<string, number>) => ({ ...RELAXED_FACE, ...changes });
const bilateral = (name: string, value: number) => ({ [`${name}Left`]: value, [`${name}Right`]: value });

const CLEAR_FACES: Record<(typeof EMOTIONS)[number], Record<string, number>> = {
  // AU6+12: broad symmetric smile, cheeks squeeze the eyes, brows dip a little.
  happy: face({ ...bilateral('mouthSmile', 0.9), ...bilateral('eyeSquint', 0.7), ...bilateral('browDown', 0.2) }),
  // AU1+4+15: inner brows up, outer not, lip corners down.
  sad: face({ browInnerUp: 0.45, ...bilateral('browOuterUp', 0.05), ...bilateral('mouthFrown', 0.15) }),
  // AU4+7+23: brows down, lids tight, lips pressed.
  angry: face({ ...bilateral('browDown', 0.6), ...bilateral('eyeSquint', 0.7), ...bilateral('mouthPress', 0.3) }),
  // AU1+2+5+26: whole brow up, eyes wide, jaw dropped.
  surprised: face({ browInnerUp: 0.8, ...bilateral('browOuterUp', 0.85), ...bilateral('eyeWide', 0.4), jawOpen: 0.6 }),
  neutral: face({}),
};

describe('classifyEmotion', () => {
  for (const [expected, blendshapes] of Object.entries(CLEAR_FACES)) {
    it(`recognises a clear ${expected} face with good confidence`, () => {
      const result = classifyEmotion(blendshapes);
      expect(result.emotion).toBe(expected);
      expect(result.confidence).toBeGreaterThan(0.4);
    });
  }

  it('gives neutral with zero confidence for an empty input', () => {
    const result = classifyEmotion({});
    expect(result.emotion).toBe('neutral');
    expect(result.confidence).toBe(0);
  });

  it('puts every class in scores, each within 0..1, summing to 1', () => {
    for (const blendshapes of [...Object.values(CLEAR_FACES), {}]) {
      const { scores } = classifyEmotion(blendshapes);
      expect(Object.keys(scores).sort()).toEqual([...EMOTIONS].sort());
      for (const score of Object.values(scores)) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
      expect(Object.values(scores).reduce((sum, score) => sum + score, 0)).toBeCloseTo(1, 6);
    }
  });

  it('makes the winner the class with the highest score', () => {
    for (const blendshapes of Object.values(CLEAR_FACES)) {
      const { emotion, scores } = classifyEmotion(blendshapes);
      expect(Math.max(...Object.values(scores))).toBe(scores[emotion]);
    }
  });

  it('reads a one-sided smile (smirk) as neutral, not happy', () => {
    expect(classifyEmotion(face({ mouthSmileLeft: 0.7, mouthSmileRight: 0.05 })).emotion).toBe('neutral');
  });

  it('reads pulled lip corners with wide eyes and raised brows as surprised, not happy', () => {
    // A moderate surprise whose open mouth also stretches the lip corners.
    const gasp = face({ browInnerUp: 0.4, ...bilateral('browOuterUp', 0.6), ...bilateral('eyeWide', 0.26) });
    Object.assign(gasp, { mouthSmileLeft: 0.65, mouthSmileRight: 0.8, jawOpen: 0.8 });
    expect(classifyEmotion(gasp).emotion).toBe('surprised');
  });

  it('does not read the brow dip of a broad smile as anger', () => {
    const laugh = face({ ...bilateral('mouthSmile', 0.8), ...bilateral('browDown', 0.3), jawOpen: 0.4 });
    expect(classifyEmotion(laugh).emotion).toBe('happy');
    // A hearty laugh squeezes the eyes shut and drags the brows down further still.
    const squeezedLaugh = face({ ...bilateral('mouthSmile', 0.6), ...bilateral('browDown', 0.65), jawOpen: 0.5 });
    expect(classifyEmotion(squeezedLaugh).emotion).toBe('happy');
  });

  it('needs the outer brows for surprise: inner brows alone read as sad', () => {
    const innerOnly = face({ browInnerUp: 0.6, ...bilateral('browOuterUp', 0.05), ...bilateral('eyeWide', 0.3) });
    expect(classifyEmotion(innerOnly).emotion).toBe('sad');
  });

  it('needs wide eyes for surprise: raised brows alone stay neutral', () => {
    const raisedBrows = face({ browInnerUp: 0.3, ...bilateral('browOuterUp', 0.35) });
    expect(classifyEmotion(raisedBrows).emotion).toBe('neutral');
  });

  it('folds a disgust face (brows down, lids tight, upper lip up) into angry, as documented', () => {
    const disgust = face({ ...bilateral('browDown', 0.8), ...bilateral('eyeSquint', 0.8), ...bilateral('mouthUpperUp', 0.4) });
    expect(classifyEmotion(disgust).emotion).toBe('angry');
  });

  it('stays neutral with a faint expression below the neutral level', () => {
    expect(classifyEmotion(face(bilateral('mouthSmile', NEUTRAL_LEVEL * 0.8))).emotion).toBe('neutral');
    expect(classifyEmotion(face(bilateral('mouthSmile', NEUTRAL_LEVEL * 2))).emotion).toBe('happy');
  });

  it('has low confidence when two expressions tie', () => {
    const mixed = face({ ...bilateral('mouthSmile', 0.5), ...bilateral('browDown', 1), ...bilateral('eyeWide', 0) });
    const evidence = emotionEvidence(mixed);
    expect(evidence.happy).toBeCloseTo(evidence.angry, 6);
    expect(classifyEmotion(mixed).confidence).toBeLessThan(0.05);
  });

  it('lowers confidence when blendshapes are missing', () => {
    const full = classifyEmotion(CLEAR_FACES.happy);
    const partial = classifyEmotion({ mouthSmileLeft: 0.9, mouthSmileRight: 0.9 });
    expect(partial.emotion).toBe('happy');
    expect(partial.confidence).toBeLessThan(full.confidence * 0.5);
  });

  it('tolerates NaN and out-of-range values', () => {
    const result = classifyEmotion(face({ mouthSmileLeft: Number.NaN, browDownLeft: 7, browDownRight: -3 }));
    expect(EMOTIONS).toContain(result.emotion);
    for (const score of Object.values(result.scores)) expect(Number.isFinite(score)).toBe(true);
  });
});
