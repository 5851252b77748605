/**
 * Where the processor's frames are composited: in the compose worker (Chromium:
 * the insertable streams are transferred there, and framePixels.ts reads the frames
 * without the main thread, so a busy page does not stall the video), or on the main
 * thread (a browser that cannot transfer them, or without insertable streams: a
 * <video> and a canvas capture). The processor sees one interface either way.
 */
import type { Emotion } from '../emotion/classify';
import { type AnalysisSizes, copyForAnalysis } from './analysisCopies';
import { createCanvas } from './canvas';
import { type Background, Compositor } from './compositor';
import { startComposeWorker } from './composeWorker';
import { type FrameTimer, hasInsertableStreams, startCanvasCapture, startInsertableStreams } from './framePipeline';

/** The analysis side as a renderer sees it (FrameAnalyzer.claim / send / cancel, the needs already applied). */
export interface AnalysisFeed {
  claim(width: number, height: number, nowMs: number): AnalysisSizes | null;
  send(copies: { segment?: ImageBitmap; landmark?: ImageBitmap }): void;
  cancel(): void;
}

export interface RendererSetup {
  /** null: frames go out untouched (effects off). */
  background: Background | null;
  emotion: Emotion;
  image: CanvasImageSource | null;
  analysis: AnalysisFeed;
  /** A composited frame went out, and the time it took on its thread. */
  timed: FrameTimer;
  /** Composite on the main thread even where the worker could (tests, benchmarks). */
  mainThread?: boolean;
  /** Which WebGL may read the frames in the compose worker (framePixels.ts). */
  webglFrames: 'hardware' | 'always';
  /** Without WebGL on a GPU, convert frames on the CPU in the compose worker (EmotionBackgroundOptions.cpuFrames). */
  cpuFrames: boolean;
  /** Use the canvas captureStream path even where insertable streams exist (tests, benchmarks). */
  canvasCapture?: boolean;
}

export interface FrameRenderer {
  readonly kind: 'compose-worker' | 'insertable-streams' | 'canvas-capture';
  readonly track: MediaStreamTrack;
  /** Whether a mask (or the stand-in silhouette) cuts the person out; without one the frame is blurred. */
  readonly hasMask: boolean;
  /** Share of person pixels in the newest mask (0 without one). */
  readonly maskCoverage: number;
  setBackground(background: Background | null): void;
  setEmotion(emotion: Emotion): void;
  /** Takes ownership of the mask; null drops every mask. */
  setMask(mask: ImageBitmap | null, coverage?: number): void;
  setImage(image: CanvasImageSource | null): void;
  stop(): void;
}

export function startFrameRenderer(track: MediaStreamTrack, setup: RendererSetup): FrameRenderer {
  const streams = hasInsertableStreams() && !setup.canvasCapture;
  if (streams && !setup.mainThread) {
    const worker = startComposeWorker(track, setup);
    if (worker) return worker;
  }
  return new MainThreadRenderer(track, setup, streams);
}

/** Compositing on the main thread, every frame (the path before the compose worker, and its fallback). */
class MainThreadRenderer implements FrameRenderer {
  readonly kind: FrameRenderer['kind'];
  readonly track: MediaStreamTrack;
  private readonly compositor: Compositor;
  private readonly stopPipeline: () => void;
  private background: Background | null;
  private stopped = false;

  constructor(camera: MediaStreamTrack, setup: RendererSetup, streams: boolean) {
    const settings = camera.getSettings();
    const [width, height] = [settings.width ?? 640, settings.height ?? 480];
    const canvas = streams ? createCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
    this.compositor = new Compositor(canvas);
    this.compositor.themes.setEmotion(setup.emotion, 0);
    this.compositor.setImage(setup.image);
    this.background = setup.background;
    const handle = (source: VideoFrame | HTMLVideoElement, w: number, h: number, nowMs: number) => {
      if (this.background === null) return 'passthrough';
      if (this.stopped) return 'drop'; // stopping: never let a raw frame slip out
      const sizes = setup.analysis.claim(w, h, nowMs);
      if (sizes) copyForAnalysis(source, sizes).then(setup.analysis.send, setup.analysis.cancel);
      this.compositor.render(source, w, h, this.background, nowMs);
      return 'rendered';
    };
    const pipeline = streams
      ? startInsertableStreams(camera, canvas, handle, setup.timed)
      : startCanvasCapture(camera, canvas as HTMLCanvasElement, handle, setup.timed);
    this.kind = pipeline.kind;
    this.track = pipeline.track;
    this.stopPipeline = () => pipeline.stop();
  }

  get hasMask(): boolean {
    return this.compositor.hasMask;
  }

  get maskCoverage(): number {
    return this.compositor.maskCoverage;
  }

  setBackground(background: Background | null): void {
    this.background = background;
  }

  setEmotion(emotion: Emotion): void {
    this.compositor.themes.setEmotion(emotion, performance.now());
  }

  setMask(mask: ImageBitmap | null, coverage?: number): void {
    if (this.stopped) mask?.close();
    else this.compositor.setMask(mask, coverage);
  }

  setImage(image: CanvasImageSource | null): void {
    this.compositor.setImage(image);
  }

  stop(): void {
    this.stopped = true;
    this.stopPipeline();
    this.compositor.dispose();
  }
}
