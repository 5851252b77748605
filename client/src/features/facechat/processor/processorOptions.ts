/**
 * What EmotionBackgroundProcessor is given (its options) and what it tells (the effect mode, its fallback, the
 * emotion, its stats), apart from the processor itself so that settings and pickers need not import it.
 */
import type { Emotion } from '../emotion/classify';
import type { FrameAnalyzer } from './frameAnalyzer';
import type { FrameRenderer } from './frameRenderer';

/**
 * emotion: the theme follows the recognised emotion; mood: one theme picked by hand;
 * image: a picture (preset or uploaded) behind the person; blur; off.
 */
export type EffectMode = 'emotion' | 'mood' | 'image' | 'blur' | 'off';
/** What is drawn instead of the chosen effect: blur (no segmentation) or a plain colour (over budget). */
export type ActiveFallback = null | 'blur' | 'color';

export interface EmotionChange {
  emotion: Emotion;
  confidence: number;
  /** Whether the last recognition found a face (no face drifts towards neutral). */
  faceFound: boolean;
}

export interface EmotionBackgroundOptions {
  mode: EffectMode;
  /** The theme in 'mood' mode (default neutral). */
  mood?: Emotion;
  /** The picture in 'image' mode (until it is set, the background is blurred). */
  backgroundImage?: CanvasImageSource | null;
  /** Prefix of the app's asset URLs: models at `${assetsBase}/models/`, wasm at `${assetsBase}/mediapipe/`. */
  assetsBase?: string;
  /** Overrides `${assetsBase}/models` (tests point it somewhere broken). */
  modelsBase?: string;
  /** Overrides `${assetsBase}/mediapipe`. */
  wasmBase?: string;
  onEmotion?: (change: EmotionChange) => void;
  onFallback?: (fallback: ActiveFallback) => void;
  /** Publish the emotion as a participant attribute once the track is published (default true). */
  publishAttribute?: boolean;
  /** Use the canvas captureStream path even where insertable streams exist (tests, benchmarks). */
  forceCanvasCapture?: boolean;
  /** Composite on the main thread even where the compose worker could (benchmarks compare the two). */
  mainThreadCompositing?: boolean;
  /**
   * How the compose worker reads frames: 'hardware' (default) converts them with WebGL only where WebGL runs on a GPU
   * (with software WebGL the conversion costs about 3× the compositing); 'always' also with software WebGL.
   */
  webglFrames?: 'hardware' | 'always';
  /**
   * Without WebGL on a GPU, convert the frames on the CPU in the compose worker (framePixelsCpu.ts) instead of drawing
   * them as they are: the video then never waits for the page's main thread (a busy page does not freeze it), for about
   * 5 ms more CPU a 720p frame. Off by default: on a loaded 2-core machine it slowed call set-up (bench:call).
   */
  cpuFrames?: boolean;
  /** Long side of the segmentation input and mask (default 256). */
  maskLongSide?: number;
  segmentationHz?: number;
  recognitionHz?: number;
  /**
   * Ms a frame may take before the plain-colour fallback (default: 90 % of the frame interval in the compose
   * worker, 60 % on the main thread).
   */
  frameBudgetMs?: number;
}

export interface ProcessorStats {
  pipeline: FrameRenderer['kind'] | null;
  analyzer: FrameAnalyzer['state'] | 'none';
  fallback: ActiveFallback;
  framesOut: number;
  masks: number;
  recognitions: number;
  faces: number;
  loadMs: number;
  segmentMs: number;
  landmarkMs: number;
  /** Exponential average of the compositing time (on the compose worker or the main thread). */
  composeMs: number;
  /** Share of the newest mask that is the person (0..1; 0 without a mask). */
  maskCoverage: number;
  /** Whether the resting face (neutral baseline) is still being learned. */
  baseline: 'learning' | 'learned' | 'none';
  emotion: Emotion;
}
