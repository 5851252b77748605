/**
 * Main-thread side of analysis.worker.ts: decides which frames go to the worker
 * (`claim`, then `send` the copies made wherever the frame is: analysisCopies.ts)
 * and turns its answers into a mask and an emotion.
 *
 * One frame is in flight at a time (the worker is never queued up), segmentation
 * is asked for at most every `segmentIntervalMs` and recognition at most every
 * `landmarkIntervalMs` (5–10 Hz), and, once there is a mask, none while a call
 * is being set up (analysisQuiet.ts). The compositor never waits for the worker: it draws every
 * camera frame with the newest mask it has.
 */
import { BaselineLearner, applyBaseline } from '../emotion/baseline';
import { classifyEmotion } from '../emotion/classify';
import { EmotionSmoother, type SmoothedEmotion } from '../emotion/smoothing';
import { type AnalysisSizes, scaledSize } from './analysisCopies';
import { analysisQuiet } from './analysisQuiet';
import type { AnalysisFrame, AnalysisResponse } from './analysisProtocol';
import { type AnalysisWorker, returnAnalysisWorker, takeAnalysisWorker } from './analysisWorkers';
import type { FacePoint } from './facePoint';

export interface FrameAnalyzerOptions {
  wasmBase: string;
  segmenterModelUrl: string;
  landmarkerModelUrl: string;
  /** Long side of the image the segmenter sees; the mask has this size too. */
  maskLongSide: number;
  /** Long side of the image the landmarker sees. */
  landmarkLongSide: number;
  segmentIntervalMs: number;
  landmarkIntervalMs: number;
  /** `coverage`: share of the frame that is the person (0..1). */
  onMask(mask: ImageBitmap, coverage: number): void;
  onEmotion(emotion: SmoothedEmotion & { faceFound: boolean }): void;
  /** Where the face is now (landmarks while recognising, else the mask's head); not called when nobody is seen. */
  onFace?(face: FacePoint): void;
  /** Called once the worker has loaded what it could (see segmenterReady, landmarkerReady). */
  onReady(): void;
  /** Called once when segmentation cannot be used (worker, WebGL or model failed): the caller falls back. */
  onFailure(reason: string): void;
}

/** How long a face found by the landmarks is preferred to the mask's head. */
const LANDMARKS_PREFERRED_MS = 1500;

export type AnalyzerState = 'loading' | 'ready' | 'failed' | 'closed';

/** What the analysis needs for the current mode. */
export interface AnalysisNeeds {
  segment: boolean;
  recognise: boolean;
}

export class FrameAnalyzer {
  state: AnalyzerState = 'loading';
  segmenterReady = false;
  landmarkerReady = false;
  /** Completed analyses, for rates in the bench and the tests. */
  readonly counts = { masks: 0, recognitions: 0, faces: 0 };
  readonly timings = { loadMs: 0, segmentMs: 0, landmarkMs: 0 };
  private worker: Worker | null = null;
  /** The worker as the pool handed it over (analysisWorkers.ts). */
  private taken: AnalysisWorker | null = null;
  /** The frame the worker is analysing for this analyzer. */
  private inFlightId = 0;
  /** A frame is with the worker, or its copies are being made. */
  private busy = false;
  /** Copies were claimed and not yet sent. */
  private claimed = false;
  private lastSegmentMs = Number.NEGATIVE_INFINITY;
  private lastLandmarkMs = Number.NEGATIVE_INFINITY;
  private readonly smoother = new EmotionSmoother();
  /** The person's resting face, learned from the first seconds with a face (emotion/baseline.ts). */
  private readonly restingFace = new BaselineLearner();
  /** When the landmarks last found a face: the mask's rougher head does not override them for a while. */
  private landmarkFaceAtMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: FrameAnalyzerOptions) {}

  start(): void {
    try {
      this.taken = takeAnalysisWorker(this.options);
    } catch (error) {
      this.fail(`worker: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const { worker, ready } = this.taken;
    this.worker = worker;
    // The kept worker may have loaded long ago: its `ready` comes from the pool, the results from here.
    worker.onmessage = (event: MessageEvent<AnalysisResponse>) => {
      if (event.data.type === 'result') this.receive(event.data);
    };
    worker.onerror = (event) => this.fail(`worker: ${event.message || 'failed to load'}`);
    ready.then(
      (message) => this.receive(message),
      (error: Error) => this.fail(`worker: ${error.message}`),
    );
  }

  /**
   * Whether an analysis of a width×height frame is due now (the worker idle, an interval passed). If so, the
   * sizes of the copies it wants, and the analyzer counts as busy until `send` or `cancel`. Never blocks.
   */
  claim(width: number, height: number, needs: AnalysisNeeds, nowMs: number): AnalysisSizes | null {
    if (this.state !== 'ready' || this.busy || !this.worker) return null;
    // A camera with no mask yet is analysed all the same: until its first mask the compositor blurs the whole frame.
    if (this.counts.masks > 0 && analysisQuiet(nowMs)) return null;
    const segment = needs.segment && this.segmenterReady && nowMs - this.lastSegmentMs >= this.options.segmentIntervalMs;
    const recognise = needs.recognise && this.landmarkerReady && nowMs - this.lastLandmarkMs >= this.options.landmarkIntervalMs;
    if (!segment && !recognise) return null;
    this.busy = true;
    this.claimed = true;
    if (segment) this.lastSegmentMs = nowMs;
    if (recognise) this.lastLandmarkMs = nowMs;
    return {
      segment: segment ? scaledSize(width, height, this.options.maskLongSide) : undefined,
      landmark: recognise ? scaledSize(width, height, this.options.landmarkLongSide) : undefined,
    };
  }

  /** The copies for the analysis `claim` asked for. */
  send(copies: { segment?: ImageBitmap; landmark?: ImageBitmap }): void {
    const bitmaps = [copies.segment, copies.landmark].filter((b): b is ImageBitmap => !!b);
    if (!this.worker || !this.claimed || !bitmaps.length) {
      bitmaps.forEach((bitmap) => bitmap.close());
      this.cancel();
      return;
    }
    this.claimed = false;
    this.inFlightId = this.taken!.nextFrameId++;
    const message: AnalysisFrame = { type: 'frame', id: this.inFlightId, segment: copies.segment, landmark: copies.landmark };
    this.worker.postMessage(message, bitmaps);
  }

  /** The claimed copies will not come (the copy failed, or the frames stopped): the next frame may be analysed. */
  cancel(): void {
    if (!this.claimed) return;
    this.claimed = false;
    this.busy = false;
  }

  /** Forget the emotion (the camera or the mode changed); the resting face stays (same person). */
  resetEmotion(): void {
    this.smoother.reset();
  }

  /** Learn the resting face again from the next seconds (the user asked to calibrate). */
  calibrate(): void {
    this.restingFace.restart();
  }

  get baselineState(): 'learning' | 'learned' {
    return this.restingFace.isLearning ? 'learning' : 'learned';
  }

  /** Done: the worker goes back to the tab's pool (analysisWorkers.ts), still loaded. */
  close(): void {
    if (this.state === 'closed') return;
    const healthy = this.state !== 'failed';
    this.state = 'closed';
    if (this.taken) returnAnalysisWorker(this.taken, healthy);
    this.taken = null;
    this.worker = null;
  }

  private receive(message: AnalysisResponse): void {
    if (this.state === 'closed') {
      if (message.type === 'result') message.mask?.close();
      return;
    }
    if (message.type === 'ready') {
      performance.mark('call:effect-ready');
      this.timings.loadMs = message.loadMs;
      this.segmenterReady = message.segmenter;
      this.landmarkerReady = message.landmarker;
      if (message.errors.length) console.warn('[emotion-background] model loading:', message.errors.join('; '));
      if (!message.segmenter && !message.landmarker) this.fail(message.errors.join('; ') || 'no model loaded');
      else this.state = 'ready';
      if (!message.segmenter && message.landmarker) this.options.onFailure(`segmenter: ${message.errors.join('; ')}`);
      this.options.onReady();
      return;
    }
    // An answer to the worker's previous owner (it was handed back with a frame in flight): not ours.
    if (message.id !== this.inFlightId) {
      message.mask?.close();
      return;
    }
    this.busy = false;
    if (message.mask) {
      this.counts.masks++;
      this.timings.segmentMs = message.segmentMs ?? 0;
      this.options.onMask(message.mask, message.coverage ?? 1);
    }
    if (message.blendshapes !== undefined) {
      this.counts.recognitions++;
      this.timings.landmarkMs = message.landmarkMs ?? 0;
      const now = performance.now();
      if (message.blendshapes) this.restingFace.observe(message.blendshapes, now);
      const face = message.blendshapes ? classifyEmotion(applyBaseline(message.blendshapes, this.restingFace.baseline)) : null;
      if (face) this.counts.faces++;
      this.options.onEmotion({ ...this.smoother.update(face, now), faceFound: !!face });
    }
    this.reportFace(message);
    if (message.error) console.warn('[emotion-background] analysis:', message.error);
  }

  private reportFace(message: Extract<AnalysisResponse, { type: 'result' }>): void {
    const now = performance.now();
    if (message.face) {
      this.landmarkFaceAtMs = now;
      this.options.onFace?.(message.face);
    } else if (message.head && now - this.landmarkFaceAtMs > LANDMARKS_PREFERRED_MS) {
      this.options.onFace?.(message.head);
    }
  }

  private fail(reason: string): void {
    if (this.state === 'failed' || this.state === 'closed') return;
    this.state = 'failed';
    if (this.taken) returnAnalysisWorker(this.taken, false);
    this.taken = null;
    this.worker = null;
    this.options.onFailure(reason);
  }
}
