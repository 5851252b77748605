/**
 * While a call is being set up here (Accept pressed, or someone just joined), the tab's background-effect analysis
 * pauses: the two models take most of a core, and setting up the connection (the offer and answer, the first frames
 * to decode) waits for the same CPU. The compositor keeps drawing every camera frame with the newest mask it has, so
 * the published video goes on; the mask and the emotion only stop following for that moment, which ends with the first
 * remote frame shown (`endAnalysisQuiet`) or after `ANALYSIS_QUIET_MS` at most.
 *
 * The call page waits for the same moment with what can wait (`callSettingUp`): names asked of the API, side panels.
 */
import { readonly, ref } from 'vue';

export const ANALYSIS_QUIET_MS = 1500;

/** performance.now() until which analysis waits; tab-wide, as the CPU is. */
let quietUntilMs = 0;
const settingUp = ref(false);
let settledTimer: ReturnType<typeof setTimeout> | undefined;

/** True while a call is being set up in this tab (the same moment as the analysis' quiet). */
export const callSettingUp = readonly(settingUp);

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
