/**
 * The heavy half of the processor, off the main thread: MediaPipe ImageSegmenter
 * (selfie_segmenter, confidence mask) and FaceLandmarker (blendshapes) on copies
 * of the camera frames the main thread sends when this worker is idle.
 *
 * A module worker (Vite bundles it in build and serves it as is in dev). tasks-vision
 * loads its wasm glue with importScripts, which module workers lack, and then falls
 * back to `self.import(url)`; we provide that below, with the ES-module build of the
 * glue (vision_wasm_module_internal.js, chosen by forVisionTasks(base, true)).
 *
 * The mask is smoothed over time here (cheap at 256×192) so it does not flicker,
 * then sent back as an ImageBitmap whose alpha is the person.
 */
/// <reference lib="webworker" />
import { FaceLandmarker, FilesetResolver, ImageSegmenter, type MPMask } from '@mediapipe/tasks-vision';
import type { AnalysisFrame, AnalysisInit, AnalysisRequest, AnalysisResponse } from './analysisProtocol';
import { faceFromLandmarks, headFromMask } from './facePoint';

declare const self: DedicatedWorkerGlobalScope & {
  import?(url: string): Promise<void>;
  ModuleFactory?: unknown;
  custom_dbg?(...args: unknown[]): void;
};

// The ES-module glue declares its debug logger inside an if block, which strict mode
// scopes to that block ("custom_dbg is not defined"); a global one takes its place.
self.custom_dbg = (...args: unknown[]) => console.debug(...args);

self.import = async (url: string) => {
  // A full URL: Vite's dev server leaves it alone (a path would get `?import` and be refused as a public file).
  const glue = (await import(/* @vite-ignore */ new URL(url, self.location.href).href)) as { default: unknown };
  self.ModuleFactory = glue.default;
};

/** Weight of the newest mask in the temporal blend: higher follows motion faster, lower flickers less. */
const MASK_BLEND = 0.7;
/** Confidence band mapped onto alpha 0..1: a soft but not mushy edge. */
const EDGE_LOW = 0.3;
const EDGE_HIGH = 0.7;

let segmenter: ImageSegmenter | null = null;
let landmarker: FaceLandmarker | null = null;
let blended: Float32Array | null = null;
let lastTimestampMs = 0;
/** An analyzer has taken this worker (analysisWorkers.ts). */
let claimed = false;

const post = (message: AnalysisResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** VIDEO mode wants strictly increasing timestamps. */
function nextTimestamp(): number {
  lastTimestampMs = Math.max(lastTimestampMs + 1, Math.round(performance.now()));
  return lastTimestampMs;
}

async function init(message: AnalysisInit): Promise<void> {
  const started = performance.now();
  const errors: string[] = [];
  try {
    const fileset = await FilesetResolver.forVisionTasks(message.wasmBase, true);
    const loads: Promise<void>[] = [
      ImageSegmenter.createFromOptions(fileset, {
        baseOptions: { modelAssetPath: message.segmenterModelUrl, delegate: 'CPU' },
        runningMode: 'VIDEO',
        outputConfidenceMasks: true,
        outputCategoryMask: false,
      }).then(
        (task) => void (segmenter = task),
        (error) => void errors.push(`segmenter: ${describe(error)}`),
      ),
    ];
    if (message.landmarkerOptions) {
      loads.push(
        FaceLandmarker.createFromOptions(fileset, message.landmarkerOptions).then(
          (task) => void (landmarker = task),
          (error) => void errors.push(`landmarker: ${describe(error)}`),
        ),
      );
    }
    await Promise.all(loads);
    // Taken by a call meanwhile: its own first frames set the models up, and they should not wait behind a blank one.
    if (message.warmUp && !claimed) warmUp();
  } catch (error) {
    errors.push(`wasm: ${describe(error)}`);
  }
  post({ type: 'ready', segmenter: !!segmenter, landmarker: !!landmarker, errors, loadMs: performance.now() - started });
}

/**
 * One analysis of a blank picture: a model's first run sets itself up (it takes several times a normal run), which
 * is better done now, while loading, than in a call's first seconds.
 */
function warmUp(): void {
  const blank = new ImageData(256, 144);
  try {
    segmenter?.segmentForVideo(blank, nextTimestamp(), () => {});
    landmarker?.detectForVideo(new ImageData(640, 360), nextTimestamp());
  } catch (error) {
    console.warn('[emotion-background] warm-up:', describe(error));
  }
}

/** Person confidence of the selfie segmenter: one mask (person), or background + person. */
function personConfidence(masks: MPMask[]): Float32Array {
  const person = masks[masks.length - 1];
  return person.getAsFloat32Array();
}

async function maskBitmap(confidence: Float32Array, width: number, height: number): Promise<{ mask: ImageBitmap; coverage: number }> {
  if (!blended || blended.length !== confidence.length) blended = Float32Array.from(confidence);
  const rgba = new Uint8ClampedArray(width * height * 4);
  let sum = 0;
  for (let i = 0; i < confidence.length; i++) {
    const value = (blended[i] += MASK_BLEND * (confidence[i] - blended[i]));
    const t = Math.min(1, Math.max(0, (value - EDGE_LOW) / (EDGE_HIGH - EDGE_LOW)));
    const alpha = t * t * (3 - 2 * t);
    sum += alpha;
    const j = i * 4;
    rgba[j] = rgba[j + 1] = rgba[j + 2] = 255;
    rgba[j + 3] = 255 * alpha;
  }
  const mask = await createImageBitmap(new ImageData(rgba, width, height));
  return { mask, coverage: sum / Math.max(1, confidence.length) };
}

async function analyse(message: AnalysisFrame): Promise<void> {
  const result: Extract<AnalysisResponse, { type: 'result' }> = { type: 'result', id: message.id };
  const transfer: Transferable[] = [];
  try {
    if (message.segment && segmenter) {
      const started = performance.now();
      const { width, height } = message.segment;
      let confidence: Float32Array | null = null;
      segmenter.segmentForVideo(message.segment, nextTimestamp(), (output) => {
        // Masks are only valid inside the callback: copy what we need.
        if (output.confidenceMasks?.length) confidence = personConfidence(output.confidenceMasks).slice();
      });
      if (confidence) {
        const { mask, coverage } = await maskBitmap(confidence, width, height);
        result.mask = mask;
        result.coverage = coverage;
        result.head = blended ? headFromMask(blended, width, height) : null;
        transfer.push(mask);
      }
      result.segmentMs = performance.now() - started;
    }
    if (message.landmark && landmarker) {
      const started = performance.now();
      const detected = landmarker.detectForVideo(message.landmark, nextTimestamp());
      const categories = detected.faceBlendshapes?.[0]?.categories;
      result.blendshapes = categories ? Object.fromEntries(categories.map((c) => [c.categoryName, c.score])) : null;
      result.face = faceFromLandmarks(detected.faceLandmarks?.[0]);
      result.landmarkMs = performance.now() - started;
    }
  } catch (error) {
    result.error = describe(error);
  } finally {
    message.segment?.close();
    message.landmark?.close();
  }
  post(result, transfer);
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const message = event.data;
  if (message.type === 'init') void init(message);
  else if (message.type === 'frame') void analyse(message);
  else if (message.type === 'claimed') claimed = true;
  else if (message.type === 'reset') blended = null;
  else {
    segmenter?.close();
    landmarker?.close();
    self.close();
  }
};
