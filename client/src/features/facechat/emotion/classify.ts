/**
 * Emotion from MediaPipe face blendshapes — a small, explainable FACS rule.
 *
 * Blendshapes are ARKit-style coefficients (0..1) that map closely onto FACS
 * action units (AU). Each emotion is scored by the AUs that define it
 * (Ekman & Friesen's prototypes); there is no model trained on photos.
 *
 *   AU    blendshape(s)                         used for
 *   AU1   browInnerUp                           sad (alone), surprised (with AU2)
 *   AU2   browOuterUpLeft/Right                 surprised
 *   AU4   browDownLeft/Right                    angry
 *   AU5   eyeWideLeft/Right                     surprised; vetoes a happy smile
 *   AU12  mouthSmileLeft/Right                  happy (the weaker side counts)
 *   AU15  mouthFrownLeft/Right                  sad
 *
 * Evidence per class, each roughly 0 (absent) .. 1 (full expression):
 *   happy     = smile · (1 − eyesWide)    AU12 on both sides. The weaker side counts
 *               because a one-sided smile is a smirk, not joy. A real smile raises the
 *               cheeks (AU6), which narrows the eyes; eyes wide open (AU5) with
 *               pulled lip corners is the open mouth of surprise, not joy.
 *   surprised = √(browsRaised · eyesWide)  AU1+2 and AU5 together (geometric mean: both
 *               are required). browsRaised = min(inner, outer): the whole brow rises.
 *               The open jaw (AU26) is left out: people laugh and shout with it too.
 *   sad       = (inner − outer brow) + frown   AU1 without AU2 (the oblique "sad brow",
 *               inner corners raised, outer ones not) plus AU15.
 *   angry     = browDown · (1 − smile)   AU4. A broad smile pushes the brows down
 *               a little (AU6), so a smile explains brow lowering away.
 *   neutral   = NEUTRAL_LEVEL, a constant: an expression must show more than that
 *               to win, so faint everyday asymmetries stay neutral.
 *
 * The winner is the class with the most evidence; `scores` are the evidences
 * normalised to sum to 1. `confidence` = (top − runner-up) / top: near 0 when two
 * classes tie, near 1 when one clearly dominates; it is scaled down when expected
 * blendshapes are missing (an empty input gives neutral with confidence 0).
 *
 * The two constants (NEUTRAL_LEVEL, EYES_WIDE_FULL) are round numbers, not fitted:
 * on the 23 core-class sample photos (npm run eval:emotion) accuracy is the same,
 * 22/23, for NEUTRAL_LEVEL anywhere in 0.15–0.3 and EYES_WIDE_FULL in 0.3–0.6. The
 * miss is a shouting angry face (open mouth, hardly lowered brows, lip corners
 * pulled unevenly), which reads as a faint smile with near-zero confidence.
 *
 * Not told apart (mapped into a core class):
 * - disgusted → angry. Disgust is AU9 (noseSneer) + AU10 (mouthUpperUp), but this
 *   face_landmarker model's noseSneer (like cheekSquint) stays ~0 on every face, and
 *   mouthUpperUp also rises in laughs and snarls. Disgusted faces do show strong AU4
 *   and eye squint, so they come out as angry.
 * - fearful → not a class. Fear (AU1+2+4+5+20) needs AU1 and AU4 together plus
 *   AU5 and AU20 (mouthStretch); on real photos eyeWide and mouthStretch stay as weak
 *   as in a smile or a neutral face, so fear cannot be separated from its neighbours.
 *   It lands in whichever class its strongest AU belongs to (sad for a raised inner
 *   brow, surprised when the eyes really widen, happy for a grimace that pulls the lip
 *   corners), usually with low confidence.
 *
 * Pure: imports nothing, runs in the browser and in Node (npm run eval:emotion).
 */

/** Every class classifyEmotion can return (fearful and disgusted are folded in, see above). */
export const EMOTIONS = ['happy', 'sad', 'angry', 'surprised', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export interface EmotionResult {
  emotion: Emotion;
  /** 0..1: how clearly the winner beats the runner-up. */
  confidence: number;
  /** Every class, 0..1, summing to 1. */
  scores: Record<Emotion, number>;
}

/** Evidence an expression must exceed to beat neutral (0..1 scale of the AUs). */
export const NEUTRAL_LEVEL = 0.2;
/**
 * eyeWide value that counts as fully widened eyes. MediaPipe's eyeWide rarely
 * passes ~0.6 even on a startled face, so 1.0 would under-weight AU5.
 */
const EYES_WIDE_FULL = 0.5;

/** Blendshapes the rule reads; missing ones lower the confidence. */
export const USED_BLENDSHAPES = [
  'browInnerUp',
  'browOuterUpLeft',
  'browOuterUpRight',
  'browDownLeft',
  'browDownRight',
  'eyeWideLeft',
  'eyeWideRight',
  'mouthSmileLeft',
  'mouthSmileRight',
  'mouthFrownLeft',
  'mouthFrownRight',
] as const;

const clamp01 = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));

/** Action-unit intensities (0..1) from the blendshapes; bilateral AUs average both sides. */
function actionUnits(blendshapes: Record<string, number>) {
  const get = (name: string) => clamp01(blendshapes[name] ?? 0);
  const both = (name: string) => (get(`${name}Left`) + get(`${name}Right`)) / 2;
  return {
    innerBrowRaise: get('browInnerUp'), // AU1
    outerBrowRaise: both('browOuterUp'), // AU2
    browLower: both('browDown'), // AU4
    eyesWide: clamp01(both('eyeWide') / EYES_WIDE_FULL), // AU5
    smile: Math.min(get('mouthSmileLeft'), get('mouthSmileRight')), // AU12, weaker side
    frown: both('mouthFrown'), // AU15
  };
}

export interface ClassifyOptions {
  /** Evidence an expression must exceed to beat neutral (default NEUTRAL_LEVEL; the eval's LOPO fit varies it). */
  neutralLevel?: number;
}

/** Evidence per class before normalisation (see the table at the top). */
export function emotionEvidence(blendshapes: Record<string, number>, options: ClassifyOptions = {}): Record<Emotion, number> {
  const au = actionUnits(blendshapes);
  const browsRaised = Math.min(au.innerBrowRaise, au.outerBrowRaise);
  return {
    happy: au.smile * (1 - au.eyesWide),
    surprised: Math.sqrt(browsRaised * au.eyesWide),
    sad: clamp01(Math.max(0, au.innerBrowRaise - au.outerBrowRaise) + au.frown),
    angry: au.browLower * (1 - au.smile),
    neutral: options.neutralLevel ?? NEUTRAL_LEVEL,
  };
}

export function classifyEmotion(blendshapes: Record<string, number>, options: ClassifyOptions = {}): EmotionResult {
  const evidence = emotionEvidence(blendshapes, options);
  const total = EMOTIONS.reduce((sum, emotion) => sum + evidence[emotion], 0);
  const scores = Object.fromEntries(EMOTIONS.map((emotion) => [emotion, evidence[emotion] / total])) as Record<Emotion, number>;

  // On equal evidence neutral ranks first: when in doubt, claim nothing.
  const ranked = [...EMOTIONS].sort((a, b) => evidence[b] - evidence[a] || Number(b === 'neutral') - Number(a === 'neutral'));
  const [top, runnerUp] = ranked;
  const margin = (evidence[top] - evidence[runnerUp]) / evidence[top];

  const present = USED_BLENDSHAPES.filter((name) => Number.isFinite(blendshapes[name])).length;
  const coverage = present / USED_BLENDSHAPES.length;
  return { emotion: top, confidence: clamp01(margin * coverage), scores };
}
