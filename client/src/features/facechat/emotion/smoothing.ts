/**
 * Turns a 5–10 Hz stream of per-frame classifyEmotion results into a label that
 * does not flicker:
 *
 * 1. Exponential smoothing of the scores, with a time-based factor (half-life in
 *    ms), so an uneven frame rate or a dropped frame changes nothing but the weight
 *    of the next frame. A frame without a face changes nothing: the label stays
 *    (someone looking away or covering their face keeps their theme).
 * 2. Confidence is recomputed from the smoothed scores, as classifyEmotion does per
 *    frame: (top − runner-up) / top. Averaging the per-frame confidences instead
 *    would punish a mild but steady expression, whose single frames flip between
 *    "sure" and "unsure", though its averaged scores lean clearly one way.
 * 3. Low confidence falls back to neutral: when the smoothed confidence is under
 *    `minConfidence` (two classes keep trading places) the label we aim for is
 *    neutral rather than a coin toss between two expressions. Leaving neutral
 *    takes `minConfidence + confidenceBand`, so a confidence hovering at the
 *    threshold does not toggle the label.
 * 4. Hysteresis: a new label must lead the current one by `switchMargin` in smoothed
 *    score, keep that lead for `holdMs`, and at least `minDwellMs` must have passed
 *    since the last switch. The dwell is the hard guarantee of at most one switch
 *    per 2 s; the margin and hold keep a steady, noisy face from switching at all.
 *
 * With the defaults a clear change of expression is followed in ~0.8–1 s at 5–10 Hz.
 * Pure TypeScript; the caller passes timestamps (no clock is read here).
 */
import { EMOTIONS, type Emotion, type EmotionResult } from './classify';

export interface EmotionSmootherOptions {
  /** Half-life of the exponential smoothing. */
  halfLifeMs: number;
  /** Lead in smoothed score a new label needs over the current one. */
  switchMargin: number;
  /** How long the new label must keep leading before we switch. */
  holdMs: number;
  /** Minimum time between two switches. */
  minDwellMs: number;
  /** Confidence of the smoothed scores under which the label falls back to neutral. */
  minConfidence: number;
  /** Extra confidence needed to leave neutral again (hysteresis on confidence). */
  confidenceBand: number;
}

const DEFAULT_SMOOTHER_OPTIONS: EmotionSmootherOptions = {
  halfLifeMs: 300,
  switchMargin: 0.1,
  holdMs: 300,
  minDwellMs: 2000,
  minConfidence: 0.1,
  confidenceBand: 0.1,
};

export interface SmoothedEmotion {
  emotion: Emotion;
  /** Confidence of the smoothed scores, 0..1: (top − runner-up) / top. */
  confidence: number;
  /** Smoothed scores of every class. */
  scores: Record<Emotion, number>;
  /** True on the update where `emotion` switched. */
  changed: boolean;
}

const neutralScores = (): Record<Emotion, number> =>
  Object.fromEntries(EMOTIONS.map((emotion) => [emotion, emotion === 'neutral' ? 1 : 0])) as Record<Emotion, number>;

export class EmotionSmoother {
  private readonly options: EmotionSmootherOptions;
  private scores = neutralScores();
  private confidence = 0;
  private current: Emotion = 'neutral';
  private lastTimeMs: number | null = null;
  private lastSwitchMs = Number.NEGATIVE_INFINITY;
  private pending: { emotion: Emotion; sinceMs: number } | null = null;

  constructor(options: Partial<EmotionSmootherOptions> = {}) {
    this.options = { ...DEFAULT_SMOOTHER_OPTIONS, ...options };
  }

  /** Feed one frame's classification (null: no face in this frame) taken at `timeMs`. */
  update(frame: EmotionResult | null, timeMs: number): SmoothedEmotion {
    if (!frame) return { emotion: this.current, confidence: this.confidence, scores: { ...this.scores }, changed: false };
    this.smooth(frame, timeMs);
    const target = this.target();
    const changed = this.applyHysteresis(target, timeMs);
    return { emotion: this.current, confidence: this.confidence, scores: { ...this.scores }, changed };
  }

  /** Forget everything, e.g. when the camera restarts. */
  reset(): void {
    this.scores = neutralScores();
    this.confidence = 0;
    this.current = 'neutral';
    this.lastTimeMs = null;
    this.lastSwitchMs = Number.NEGATIVE_INFINITY;
    this.pending = null;
  }

  get emotion(): Emotion {
    return this.current;
  }

  private smooth(frame: EmotionResult, timeMs: number): void {
    // The first frame is taken as it is; later ones weigh by the time since the last.
    const elapsedMs = this.lastTimeMs === null ? Number.POSITIVE_INFINITY : Math.max(0, timeMs - this.lastTimeMs);
    const weight = 1 - Math.pow(0.5, elapsedMs / this.options.halfLifeMs);
    this.lastTimeMs = this.lastTimeMs === null ? timeMs : Math.max(this.lastTimeMs, timeMs);
    for (const emotion of EMOTIONS) {
      const value = frame.scores[emotion];
      const score = Number.isFinite(value) ? value : 0;
      this.scores[emotion] += weight * (score - this.scores[emotion]);
    }
    const [top, runnerUp] = Object.values(this.scores).sort((a, b) => b - a);
    this.confidence = top > 0 ? (top - runnerUp) / top : 0;
  }

  /** The label the smoothed state points at, before hysteresis. */
  private target(): Emotion {
    const band = this.current === 'neutral' ? this.options.confidenceBand : 0;
    if (this.lowConfidence(band)) return 'neutral';
    return EMOTIONS.reduce((best, emotion) => (this.scores[emotion] > this.scores[best] ? emotion : best), this.current);
  }

  private lowConfidence(band = 0): boolean {
    return this.confidence < this.options.minConfidence + band;
  }

  private applyHysteresis(target: Emotion, timeMs: number): boolean {
    // Falling back to neutral for low confidence needs no score lead: the scores are what is in doubt.
    const fallback = target === 'neutral' && this.lowConfidence();
    const leads = fallback || this.scores[target] - this.scores[this.current] >= this.options.switchMargin;
    if (target === this.current || !leads) {
      this.pending = null;
      return false;
    }
    if (this.pending?.emotion !== target) this.pending = { emotion: target, sinceMs: timeMs };
    const heldLongEnough = timeMs - this.pending.sinceMs >= this.options.holdMs;
    const dwelledLongEnough = timeMs - this.lastSwitchMs >= this.options.minDwellMs;
    if (!heldLongEnough || !dwelledLongEnough) return false;
    this.current = target;
    this.lastSwitchMs = timeMs;
    this.pending = null;
    return true;
  }
}
