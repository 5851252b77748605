/**
 * Keeps the background effect's models loaded while a member has the app open, so that a call, placed or answered,
 * does not load them while it is being set up (analysisWorkers.ts says why). They load once the page has been idle
 * for a moment after sign-in; not when the chosen effect is off, the device cannot run the effect (no workers or
 * WebGL2) or the browser asks to save data. They go after a minute in the background, and on sign-out.
 */
import { onScopeDispose, watch } from 'vue';
import { analysisAssets, dropIdleAnalysisWorker, warmAnalysisWorker } from './analysisWorkers';
import { hasWebGL2 } from './canvas';
import { loadEffectMode } from './settings';

/** A page closed at once, or the first seconds of a busy one, loads nothing. */
const SETTLE_MS = 2000;
/** requestIdleCallback's deadline: a page that is never idle loads them anyway. */
const IDLE_TIMEOUT_MS = 10_000;
/** A short look at another tab keeps them. */
const BACKGROUND_GRACE_MS = 60_000;

export function useWarmAnalysis(signedIn: () => boolean): void {
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let backgroundTimer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle: (() => void) | null = null;

  function cancel(): void {
    clearTimeout(settleTimer);
    cancelIdle?.();
    cancelIdle = null;
  }

  function schedule(): void {
    cancel();
    if (!signedIn() || document.visibilityState !== 'visible' || loadEffectMode() === 'off') return;
    settleTimer = setTimeout(() => {
      // The device checks (a WebGL context) wait for idle too: nothing of this runs while the page starts.
      cancelIdle = whenIdle(() => {
        if (canRunEffect()) warmAnalysisWorker(analysisAssets());
      });
    }, SETTLE_MS);
  }

  function onVisibility(): void {
    clearTimeout(backgroundTimer);
    if (document.visibilityState === 'visible') return schedule();
    cancel();
    backgroundTimer = setTimeout(dropIdleAnalysisWorker, BACKGROUND_GRACE_MS);
  }

  document.addEventListener('visibilitychange', onVisibility);
  watch(
    signedIn,
    (yes) => {
      if (yes) return schedule();
      cancel();
      dropIdleAnalysisWorker();
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    cancel();
    clearTimeout(backgroundTimer);
    document.removeEventListener('visibilitychange', onVisibility);
  });
}

function canRunEffect(): boolean {
  if ((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData) return false;
  return typeof Worker !== 'undefined' && hasWebGL2();
}

/** Runs `task` when the page is idle (Safari has no requestIdleCallback: a timer there); returns a cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 0);
  return () => clearTimeout(timer);
}
