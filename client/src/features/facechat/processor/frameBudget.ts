/**
 * Watches how long compositing a frame takes and says when the budget "keeps
 * being missed": most frames over budget for a sustained window, not one slow
 * frame (a GC pause or a tab switch). Pure, so it is unit-tested with fake times.
 */
export interface FrameBudgetOptions {
  /** Compositing time one frame may take. */
  budgetMs: number;
  /** How long misses must go on before we call it. */
  windowMs: number;
  /** Share of frames in the window that must miss. */
  missRatio: number;
}

const DEFAULT_FRAME_BUDGET: FrameBudgetOptions = { budgetMs: 30, windowMs: 2000, missRatio: 0.7 };

/**
 * On the main thread a frame may take 60 % of the frame interval (room for encoding and the page); on a thread of
 * its own (the compose worker) compositing only has to keep up with the camera: 90 %.
 */
export const budgetForFrameRate = (frameRate: number | undefined, thread: 'main' | 'worker' = 'main') =>
  Math.max(12, ((thread === 'worker' ? 0.9 : 0.6) * 1000) / Math.max(1, Math.min(60, frameRate || 30)));

export class FrameBudget {
  private readonly options: FrameBudgetOptions;
  private samples: { atMs: number; missed: boolean }[] = [];

  constructor(options: Partial<FrameBudgetOptions> = {}) {
    this.options = { ...DEFAULT_FRAME_BUDGET, ...options };
  }

  /** Records one frame; true when the budget has been missed for the whole window. */
  record(durationMs: number, nowMs: number): boolean {
    this.samples.push({ atMs: nowMs, missed: durationMs > this.options.budgetMs });
    const from = nowMs - this.options.windowMs;
    while (this.samples.length && this.samples[0].atMs < from) this.samples.shift();
    // Only judge a full window: the first samples after a reset say little.
    const span = nowMs - (this.samples[0]?.atMs ?? nowMs);
    if (span < this.options.windowMs * 0.9 || this.samples.length < 5) return false;
    const missed = this.samples.filter((sample) => sample.missed).length;
    return missed / this.samples.length >= this.options.missRatio;
  }

  reset(): void {
    this.samples = [];
  }
}

/** What `FullEffectTrials.frame` asks for. */
export type TrialStep = 'try' | 'flat' | 'recovered' | null;

/**
 * While the colour fallback stands, the full effect is tried again now and then: a slow moment (another tab, a busy
 * machine) must not cost the effect for the rest of the call. Flat for `firstWaitMs`, then a trial of `trialMs`
 * (longer than the budget's window, so a failing trial is caught); each failed trial doubles the wait, up to
 * `maxWaitMs`. Pure, so it is unit-tested with fake times.
 */
export class FullEffectTrials {
  private flatSinceMs = 0;
  private waitMs: number;
  private trialSinceMs: number | null = null;

  constructor(
    private readonly firstWaitMs = 10_000,
    private readonly maxWaitMs = 60_000,
    private readonly trialMs = 3_000,
  ) {
    this.waitMs = firstWaitMs;
  }

  /** A trial is on: the full effect is drawn. */
  get trying(): boolean {
    return this.trialSinceMs !== null;
  }

  /** The fallback began. */
  fellBack(nowMs: number): void {
    this.flatSinceMs = nowMs;
    this.trialSinceMs = null;
  }

  /** One frame while the fallback stands; `missed`: the frame budget says frames keep missing. */
  frame(nowMs: number, missed: boolean): TrialStep {
    if (this.trialSinceMs === null) {
      if (nowMs - this.flatSinceMs < this.waitMs) return null;
      this.trialSinceMs = nowMs;
      return 'try';
    }
    if (missed) {
      this.waitMs = Math.min(this.waitMs * 2, this.maxWaitMs);
      this.fellBack(nowMs);
      return 'flat';
    }
    if (nowMs - this.trialSinceMs < this.trialMs) return null;
    this.reset();
    return 'recovered';
  }

  /** A new start (the trial kept up, or another mode): the first wait again. */
  reset(): void {
    this.trialSinceMs = null;
    this.waitMs = this.firstWaitMs;
  }
}
