/**
 * While a call is being set up here (Accept pressed, or someone just joined), the tab's background-effect analysis
 * pauses: the two models take most of a core, and setting up the connection (the offer and answer, the first frames
 * to decode) waits for the same CPU. The compositor keeps drawing every camera frame with the newest mask it has, so
 * the published video goes on; the mask and the emotion only stop following for that moment, which ends with the first
 * remote frame shown (`endAnalysisQuiet`) or after `ANALYSIS_QUIET_MS` at most.
 *
 * The call page waits for the same moment with what can wait (`afterCallSetUp`): names asked of the API, side panels.
 */
import { computed, ref, type ComputedRef } from 'vue';

export const ANALYSIS_QUIET_MS = 1500;

/** performance.now() until which analysis waits; tab-wide, as the CPU is. */
let quietUntilMs = 0;
/** A call is being set up in this tab: `quietUntilMs` as a reactive flag, ended by a timer or the first frame. */
const settingUp = ref(false);
let settledTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * For what waits for a call's setup (the same moment as the analysis' quiet) once, not again: false while a setup is
 * under way, then true for good (a later setup, someone joining, takes nothing away that was already shown or asked for).
 */
export function afterCallSetUp(): ComputedRef<boolean> {
  let reached = false;
  return computed(() => (reached ||= !settingUp.value));
}

/** A call's setup begins: analysis waits for up to `ms`. */
export function quietAnalysis(ms = ANALYSIS_QUIET_MS, nowMs = performance.now()): void {
  quietUntilMs = Math.max(quietUntilMs, nowMs + ms);
  settingUp.value = true;
  clearTimeout(settledTimer);
  settledTimer = setTimeout(endAnalysisQuiet, quietUntilMs - nowMs);
}

/** The setup is done (a remote frame is on screen): analysis goes on at once. */
export function endAnalysisQuiet(): void {
  quietUntilMs = 0;
  clearTimeout(settledTimer);
  settingUp.value = false;
}

export const analysisQuiet = (nowMs: number): boolean => nowMs < quietUntilMs;
