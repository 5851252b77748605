import { describe, expect, it } from 'vitest';
import { EMOTIONS, classifyEmotion, type Emotion, type EmotionResult } from './classify';
import { EmotionSmoother, type SmoothedEmotion } from './smoothing';

const FRAME_MS = 125; // 8 Hz, in the 5–10 Hz range the app feeds

/** A classify-like frame: `main` gets `strength`, neutral the rest, others a little. */
function frame(main: Emotion, strength: number): EmotionResult {
  const scores = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0.03])) as Record<Emotion, number>;
  scores.neutral = 1 - strength;
  scores[main] = main === 'neutral' ? 1 : strength;
  return { emotion: main, confidence: strength, scores };
}

/** Two expressions neck and neck, as when single frames keep trading places. */
function tie(first: Emotion, second: Emotion): EmotionResult {
  const scores = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0.04])) as Record<Emotion, number>;
  scores[first] = 0.42;
  scores[second] = 0.4;
  scores.neutral = 0.1;
  return { emotion: first, confidence: 0.05, scores };
}

/** Deterministic PRNG (mulberry32) so a failing jitter test fails the same way every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function jitter(result: EmotionResult, amplitude: number, next: () => number): EmotionResult {
  const noisy = (value: number) => Math.min(1, Math.max(0, value + (next() * 2 - 1) * amplitude));
  const scores = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, noisy(result.scores[emotion])])) as Record<Emotion, number>;
  return { ...result, scores, confidence: noisy(result.confidence) };
}

/** Feeds `frames` from `startMs` at FRAME_MS and returns every output with its time. */
function feed(smoother: EmotionSmoother, frames: (EmotionResult | null)[], startMs = 0) {
  return frames.map((input, index) => {
    const timeMs = startMs + index * FRAME_MS;
    return { timeMs, ...smoother.update(input, timeMs) };
  });
}

const repeat = <T>(count: number, make: (index: number) => T) => Array.from({ length: count }, (_, index) => make(index));

function switchTimes(outputs: (SmoothedEmotion & { timeMs: number })[]) {
  return outputs.filter((output) => output.changed).map((output) => output.timeMs);
}

function expectAtMostOneSwitchPer2s(times: number[]) {
  for (let index = 1; index < times.length; index += 1) {
    expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(2000);
  }
}

describe('EmotionSmoother', () => {
  it('starts neutral and settles on a steady expression with a single switch', () => {
    const outputs = feed(
      new EmotionSmoother(),
      repeat(80, () => frame('happy', 0.7)),
    );
    expect(outputs[0].emotion).toBe('neutral');
    expect(outputs.at(-1)!.emotion).toBe('happy');
    expect(switchTimes(outputs)).toHaveLength(1);
  });

  it('does not flicker on a steady expression with ±0.1 jitter on its scores', () => {
    const next = random(42);
    const outputs = feed(
      new EmotionSmoother(),
      repeat(240, () => jitter(frame('sad', 0.6), 0.1, next)),
    );
    expect(outputs.at(-1)!.emotion).toBe('sad');
    expect(switchTimes(outputs)).toHaveLength(1);
  });

  it('does not flicker on a borderline face with ±0.1 jitter on every blendshape', () => {
    // Barely sad: single frames classify as sad or neutral by chance. Whichever
    // label the smoother picks, it must keep it.
    const barelySad: Record<string, number> = {
      browInnerUp: 0.35,
      browOuterUpLeft: 0.1,
      browOuterUpRight: 0.1,
      mouthFrownLeft: 0.05,
      mouthFrownRight: 0.05,
      eyeSquintLeft: 0.4,
      eyeSquintRight: 0.4,
    };
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const noisy = () => {
        const blendshapes: Record<string, number> = {};
        for (const [name, value] of Object.entries(barelySad)) {
          blendshapes[name] = Math.min(1, Math.max(0, value + (next() * 2 - 1) * 0.1));
        }
        return classifyEmotion(blendshapes);
      };
      const outputs = feed(new EmotionSmoother(), repeat(240, noisy));
      expect(switchTimes(outputs).length).toBeLessThanOrEqual(1);
    }
  });

  it('switches at most once per 2 s even when two classes are neck and neck under jitter', () => {
    const next = random(7);
    const close: EmotionResult = {
      emotion: 'happy',
      confidence: 0.15,
      // happy leads angry by 15 %, right at the low-confidence threshold.
      scores: { happy: 0.4, sad: 0.02, angry: 0.34, surprised: 0.02, neutral: 0.22 },
    };
    const outputs = feed(
      new EmotionSmoother(),
      repeat(400, () => jitter(close, 0.1, next)),
    );
    expectAtMostOneSwitchPer2s(switchTimes(outputs));
  });

  it('follows a real change of expression within about a second', () => {
    const smoother = new EmotionSmoother();
    const steady = feed(
      smoother,
      repeat(40, () => frame('neutral', 1)),
    );
    expect(steady.at(-1)!.emotion).toBe('neutral');
    const changeMs = 40 * FRAME_MS;
    const after = feed(
      smoother,
      repeat(24, () => frame('surprised', 0.7)),
      changeMs,
    );
    const switched = after.find((output) => output.changed);
    expect(switched?.emotion).toBe('surprised');
    expect(switched!.timeMs - changeMs).toBeLessThanOrEqual(1000);
  });

  it('ignores a single-frame spike', () => {
    const smoother = new EmotionSmoother();
    feed(
      smoother,
      repeat(30, () => frame('happy', 0.7)),
    );
    const frames = [frame('angry', 0.9), ...repeat(20, () => frame('happy', 0.7))];
    const outputs = feed(smoother, frames, 30 * FRAME_MS);
    expect(outputs.every((output) => output.emotion === 'happy')).toBe(true);
  });

  it('stays neutral while two expressions tie (low confidence)', () => {
    const outputs = feed(
      new EmotionSmoother(),
      repeat(40, () => tie('happy', 'angry')),
    );
    expect(outputs.every((output) => output.emotion === 'neutral')).toBe(true);
  });

  it('does not leave neutral for a lead that only just clears the fallback threshold', () => {
    // happy leads angry by 15 %: enough to keep happy once shown, not to leave neutral.
    const hesitant: EmotionResult = {
      emotion: 'happy',
      confidence: 0.15,
      scores: { happy: 0.4, sad: 0.02, angry: 0.34, surprised: 0.02, neutral: 0.22 },
    };
    const outputs = feed(
      new EmotionSmoother(),
      repeat(80, () => hesitant),
    );
    expect(outputs.every((output) => output.emotion === 'neutral')).toBe(true);
  });

  it('drops to neutral within 2 s once the expression becomes ambiguous', () => {
    const smoother = new EmotionSmoother();
    feed(
      smoother,
      repeat(40, () => frame('angry', 0.6)),
    );
    expect(smoother.emotion).toBe('angry');
    const startMs = 40 * FRAME_MS;
    const outputs = feed(
      smoother,
      repeat(24, () => tie('angry', 'sad')),
      startMs,
    );
    const switched = outputs.find((output) => output.changed);
    expect(switched?.emotion).toBe('neutral');
    expect(switched!.timeMs - startMs).toBeLessThanOrEqual(2000);
  });

  it('keeps the last emotion while no face is found', () => {
    const smoother = new EmotionSmoother();
    feed(
      smoother,
      repeat(40, () => frame('happy', 0.8)),
    );
    const outputs = feed(
      smoother,
      repeat(24, () => null),
      40 * FRAME_MS,
    );
    expect(outputs.map((output) => output.emotion)).toEqual(outputs.map(() => 'happy'));
    expect(outputs.some((output) => output.changed)).toBe(false);
  });

  it('smooths by elapsed time, so a slower frame rate converges as fast in seconds', () => {
    const at = (frameMs: number) => {
      const smoother = new EmotionSmoother();
      let last: SmoothedEmotion | undefined;
      for (let timeMs = 0; timeMs <= 1000; timeMs += frameMs) {
        last = smoother.update(timeMs === 0 ? frame('neutral', 1) : frame('happy', 0.8), timeMs);
      }
      return last!.scores.happy;
    };
    expect(at(100)).toBeCloseTo(at(200), 1);
  });

  it('starts over after reset', () => {
    const smoother = new EmotionSmoother();
    feed(
      smoother,
      repeat(40, () => frame('sad', 0.7)),
    );
    smoother.reset();
    expect(smoother.emotion).toBe('neutral');
    expect(smoother.update(frame('neutral', 1), 10_000).scores.neutral).toBeCloseTo(1, 6);
  });
});
