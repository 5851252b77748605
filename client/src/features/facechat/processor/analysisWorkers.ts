/**
 * The tab keeps one analysis worker warm (analysis.worker.ts with MediaPipe's wasm and both models loaded).
 *
 * Loading them takes a few seconds of CPU. Started only when a call rang or was placed, that load overlapped the
 * call's setup, on both sides: the models became ready 0.3–0.8 s after Accept in `bench:call`. That was most of
 * what emotion backgrounds added to the time to the first picture (answered after 4 s, when the models were
 * loaded, the setup took ~480 ms instead of ~800).
 *
 * So the app loads them once, when the page is idle (`warmAnalysisWorker`, from the signed-in shell), and each
 * FrameAnalyzer takes that worker (`takeAnalysisWorker`) and gives it back when its call or preview ends
 * (`returnAnalysisWorker`). Only one worker is kept: a second analyzer at the same time gets a worker of its own,
 * which goes when it is done. A tab in the background lets its idle worker go (memory), and warms one again when
 * it is looked at.
 */
import { faceLandmarkerOptions } from '../emotion/landmarkerOptions';
import type { AnalysisInit, AnalysisReady, AnalysisResponse } from './analysisProtocol';

/** Where the processor's wasm and models are served (the app's own origin, never a CDN). */
export interface AnalysisAssets {
  wasmBase: string;
  segmenterModelUrl: string;
  landmarkerModelUrl: string;
}

export interface AnalysisWorker {
  readonly worker: Worker;
  /** The worker's `ready` message (what loaded); rejects when the worker could not start. */
  readonly ready: Promise<AnalysisReady>;
  /** Ids of the frames sent to this worker, over all its owners: an answer for an earlier owner is told apart. */
  nextFrameId: number;
  readonly key: string;
}

let idle: AnalysisWorker | null = null;
/** Workers an analyzer holds now: each comes back (or goes) when its call or preview ends. */
let inUse = 0;

const keyOf = (assets: AnalysisAssets) => [assets.wasmBase, assets.segmenterModelUrl, assets.landmarkerModelUrl].join(' ');

export function analysisAssets(assetsBase = '', modelsBase?: string): AnalysisAssets {
  const base = assetsBase.replace(/\/$/, '');
  const models = modelsBase ?? `${base}/models`;
  return {
    wasmBase: `${base}/mediapipe`,
    segmenterModelUrl: `${models}/selfie_segmenter.tflite`,
    landmarkerModelUrl: `${models}/face_landmarker.task`,
  };
}

function spawn(assets: AnalysisAssets, key: string, warmUp: boolean): AnalysisWorker {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'emotion-analysis' });
  const ready = new Promise<AnalysisReady>((resolve, reject) => {
    const onMessage = (event: MessageEvent<AnalysisResponse>) => {
      if (event.data.type !== 'ready') return;
      worker.removeEventListener('message', onMessage);
      // For bench:call and devtools: when the tab's models were ready.
      performance.mark('effects:models-ready');
      resolve(event.data);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'failed to load')), { once: true });
  });
  ready.catch(() => {
    if (idle?.worker === worker) idle = null;
  });
  const init: AnalysisInit = {
    type: 'init',
    wasmBase: assets.wasmBase,
    segmenterModelUrl: assets.segmenterModelUrl,
    landmarkerOptions: faceLandmarkerOptions('VIDEO', assets.landmarkerModelUrl),
    warmUp,
  };
  worker.postMessage(init);
  return { worker, ready, nextFrameId: 1, key };
}

/**
 * Starts loading the models in a worker to keep, unless one is kept already (loaded or loading) or an analyzer holds
 * one (a call that began first): loading a second one beside it would cost that call what this is meant to save.
 */
export function warmAnalysisWorker(assets: AnalysisAssets): void {
  const key = keyOf(assets);
  if (idle?.key === key || inUse > 0) return;
  idle?.worker.terminate();
  idle = spawn(assets, key, true);
}

/** The kept worker when it loads the same assets (ready or still loading), else a new one. Throws when none can start. */
export function takeAnalysisWorker(assets: AnalysisAssets): AnalysisWorker {
  const key = keyOf(assets);
  const kept = idle;
  idle = null;
  if (kept?.key !== key) kept?.worker.terminate();
  // Spawned for an analyzer that waits for it: its own first frames are the models' first runs.
  const taken = kept?.key === key ? kept : spawn(assets, key, false);
  taken.worker.postMessage({ type: 'claimed' });
  inUse += 1;
  return taken;
}

/**
 * Done with `taken`: kept (its per-call state reset; loaded or still loading) when none is kept yet, else closed.
 * `healthy` false (it failed for its owner) always closes it.
 */
export function returnAnalysisWorker(taken: AnalysisWorker, healthy = true): void {
  inUse = Math.max(0, inUse - 1);
  if (!healthy || idle) {
    taken.worker.terminate();
    return;
  }
  taken.worker.postMessage({ type: 'reset' });
  idle = taken;
}

/** Lets the kept worker go (the tab went to the background, or the user signed out). */
export function dropIdleAnalysisWorker(): void {
  idle?.worker.terminate();
  idle = null;
}
