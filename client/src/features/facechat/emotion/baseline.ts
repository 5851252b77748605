/**
 * Per-person neutral baseline: some people's resting face already raises the inner
 * brows (reads sad) or lowers them (reads angry). The first seconds of a call (or a
 * calibration the user asks for) learn the person's resting blendshapes, and every
 * later frame is read relative to them before classifyEmotion:
 *
 *   relative = (value − strength·rest) / (1 − strength·rest), clamped to 0..1
 *
 * so a brow that rests at 0.3 counts as 0 at rest and still reaches 1 fully raised.
 *
 * What counts as "resting": face frames in the learning window whose strongest
 * expression evidence stays under REST_MAX_EVIDENCE (a greeting smile or a laugh at
 * the start is left out), and which do not move much against the frames before
 * (REST_MAX_CHANGE, low activity). The rest value is the mean of those frames.
 * A learned rest value is capped at MAX_REST, so a baseline learned while someone
 * frowned hard cannot erase a class for the rest of the call.
 *
 * Constants are round numbers chosen before looking at the photos; the strength is
 * 1 in the app. `npm run eval:emotion` reports leave-one-person-out accuracy with
 * the strength and the neutral level fitted without the held-out person.
 * Pure TypeScript, no clock: the caller passes timestamps.
 */
import { EMOTIONS, NEUTRAL_LEVEL, USED_BLENDSHAPES, emotionEvidence } from './classify';

export type Blendshapes = Record<string, number>;
/** Resting value per blendshape the classifier reads. */
export type Baseline = Readonly<Record<string, number>>;

/**
 * Expression evidence above which a frame is an expression, not a resting face:
 * twice the neutral level (what an expression needs to show at all).
 */
export const REST_MAX_EVIDENCE = 2 * NEUTRAL_LEVEL;
/** Mean absolute blendshape change from the previous frame above which the face is moving. */
export const REST_MAX_CHANGE = 0.08;
/** Highest resting value kept per blendshape. */
export const MAX_REST = 0.5;

export interface BaselineLearnerOptions {
  /** How long (from the first face) resting frames are collected. */
  learnMs: number;
  /** Resting frames needed; learning goes on past learnMs until there are this many. */
  minFrames: number;
}

const DEFAULT_LEARNER_OPTIONS: BaselineLearnerOptions = { learnMs: 4000, minFrames: 8 };

const clamp01 = (value: number) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));

/** The blendshapes relative to the resting face (see the top); `strength` 0 leaves them as they are. */
export function applyBaseline(blendshapes: Blendshapes, baseline: Baseline | null, strength = 1): Blendshapes {
  if (!baseline || strength <= 0) return blendshapes;
  const relative: Blendshapes = { ...blendshapes };
  for (const name of USED_BLENDSHAPES) {
    const value = blendshapes[name];
    if (!Number.isFinite(value)) continue;
    const rest = strength * Math.min(MAX_REST, clamp01(baseline[name] ?? 0));
    relative[name] = clamp01((value - rest) / (1 - rest));
  }
  return relative;
}

/** Mean of each blendshape the classifier reads over some resting frames (null for none). */
export function meanBaseline(frames: readonly Blendshapes[]): Baseline | null {
  if (!frames.length) return null;
  const baseline: Record<string, number> = {};
  for (const name of USED_BLENDSHAPES) {
    baseline[name] = Math.min(MAX_REST, frames.reduce((sum, frame) => sum + clamp01(frame[name] ?? 0), 0) / frames.length);
  }
  return baseline;
}

/** True when the frame shows no clear expression (its strongest non-neutral evidence is low). */
export function isRestingFrame(blendshapes: Blendshapes): boolean {
  const evidence = emotionEvidence(blendshapes);
  return EMOTIONS.every((emotion) => emotion === 'neutral' || evidence[emotion] < REST_MAX_EVIDENCE);
}

function meanChange(a: Blendshapes, b: Blendshapes): number {
  return USED_BLENDSHAPES.reduce((sum, name) => sum + Math.abs(clamp01(a[name] ?? 0) - clamp01(b[name] ?? 0)), 0) / USED_BLENDSHAPES.length;
}

/** Learns the resting face from the first face frames of a call; `restart()` learns it again (calibration). */
export class BaselineLearner {
  private readonly options: BaselineLearnerOptions;
  private frames: Blendshapes[] = [];
  private previous: Blendshapes | null = null;
  private startMs: number | null = null;
  private learned: Baseline | null = null;
  private learning = true;

  constructor(options: Partial<BaselineLearnerOptions> = {}) {
    this.options = { ...DEFAULT_LEARNER_OPTIONS, ...options };
  }

  /** The learned resting face, or null while (or if never) learned. */
  get baseline(): Baseline | null {
    return this.learned;
  }

  get isLearning(): boolean {
    return this.learning;
  }

  /** Feeds one face frame (raw blendshapes). Frames without a face are not fed. */
  observe(blendshapes: Blendshapes, timeMs: number): void {
    if (!this.learning) return;
    this.startMs ??= timeMs;
    const still = !this.previous || meanChange(blendshapes, this.previous) <= REST_MAX_CHANGE;
    this.previous = blendshapes;
    if (still && isRestingFrame(blendshapes)) this.frames.push(blendshapes);
    if (timeMs - this.startMs >= this.options.learnMs && this.frames.length >= this.options.minFrames) {
      this.learned = meanBaseline(this.frames);
      this.learning = false;
      this.frames = [];
    }
  }

  /** Learns again from the next frames; the current baseline stays in use until then. */
  restart(): void {
    this.frames = [];
    this.previous = null;
    this.startMs = null;
    this.learning = true;
  }

  /** Forgets the baseline (a new person or camera). */
  reset(): void {
    this.restart();
    this.learned = null;
  }
}
