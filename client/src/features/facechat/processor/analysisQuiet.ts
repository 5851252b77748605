/**
 * While a call is being set up here (Accept pressed, or someone just joined), the tab's background-effect analysis
 * pauses: the two models take most of a core, and setting up the connection (the offer and answer, the first frames
 * to decode) waits for the same CPU. The compositor keeps drawing every camera frame with the newest mask it has, so
 * the published video goes on; the mask and the emotion only stop following for that moment, which ends with the first
 * remote frame shown (`endAnalysisQuiet`) or after `ANALYSIS_QUIET_MS` at most.
 */
export const ANALYSIS_QUIET_MS = 1500;

/** performance.now() until which analysis waits; tab-wide, as the CPU is. */
let quietUntilMs = 0;

/** A call's setup begins: analysis waits for up to `ms`. */
export function quietAnalysis(ms = ANALYSIS_QUIET_MS, nowMs = performance.now()): void {
  quietUntilMs = Math.max(quietUntilMs, nowMs + ms);
}

/** The setup is done (a remote frame is on screen): analysis goes on at once. */
export function endAnalysisQuiet(): void {
  quietUntilMs = 0;
}

export const analysisQuiet = (nowMs: number): boolean => nowMs < quietUntilMs;
