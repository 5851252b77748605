/**
 * LiveKit TrackProcessor that replaces the background behind the person with an
 * animated theme for their emotion (or blurs it), on the participant's own camera.
 * See README.md in this folder for the design; in short:
 *
 *   camera frame ─┬─ compositor (compose worker, every frame, camera resolution) ─→ published track
 *                 └─ analysis worker (when idle): segmenter ≤15 Hz at 256 px, landmarker ≤8 Hz
 *                        → mask → compositor        → blendshapes → classify → smoother → theme + attribute
 */
import type { Room, Track, TrackProcessor, VideoProcessorOptions } from 'livekit-client';
import type { Emotion } from '../emotion/classify';
import { publishEmotionAttribute, publishFaceAttribute } from './attribute';
import { analysisAssets } from './analysisWorkers';
import { hasWebGL2 } from './canvas';
import type { Background } from './compositor';
import { type FacePoint, faceWorthSharing } from './facePoint';
import { FrameAnalyzer } from './frameAnalyzer';
import { FrameBudget, FullEffectTrials, budgetForFrameRate } from './frameBudget';
import { type AnalysisFeed, type FrameRenderer, startFrameRenderer } from './frameRenderer';
import type { ActiveFallback, EffectMode, EmotionBackgroundOptions, EmotionChange, ProcessorStats } from './processorOptions';

export class EmotionBackgroundProcessor implements TrackProcessor<Track.Kind.Video, VideoProcessorOptions> {
  readonly name = 'emotion-background';
  processedTrack?: MediaStreamTrack;
  private mode: EffectMode;
  private fallback: ActiveFallback = null;
  private renderer: FrameRenderer | null = null;
  private analyzer: FrameAnalyzer | null = null;
  private budget = new FrameBudget();
  /** Tries the full effect again while the colour fallback stands. */
  private readonly trials = new FullEffectTrials();
  private room: Room | null = null;
  private current: EmotionChange = { emotion: 'neutral', confidence: 0, faceFound: false };
  private framesOut = 0;
  private mood: Emotion;
  private backgroundImage: CanvasImageSource | null;
  private composeMs = 0;
  /** The face position last published, and when (facePoint.ts decides when a move is worth telling). */
  private sharedFace: { face: FacePoint; atMs: number } | null = null;
  private latestFace: FacePoint | null = null;

  /** Starts loading the models at once (in a worker), so create the processor early, e.g. when the call page opens. */
  constructor(private readonly options: EmotionBackgroundOptions) {
    this.mode = options.mode;
    this.mood = options.mood ?? 'neutral';
    this.backgroundImage = options.backgroundImage ?? null;
    if (this.mode === 'mood') this.current = { emotion: this.mood, confidence: 1, faceFound: false };
    if (this.mode !== 'off') this.ensureAnalyzer();
  }

  get activeFallback(): ActiveFallback {
    return this.fallback;
  }

  get effectMode(): EffectMode {
    return this.mode;
  }

  get emotion(): EmotionChange {
    return { ...this.current };
  }

  get stats(): ProcessorStats {
    const analyzer = this.analyzer;
    return {
      pipeline: this.renderer?.kind ?? null,
      analyzer: analyzer?.state ?? 'none',
      fallback: this.fallback,
      framesOut: this.framesOut,
      ...(analyzer ? analyzer.counts : { masks: 0, recognitions: 0, faces: 0 }),
      ...(analyzer ? analyzer.timings : { loadMs: 0, segmentMs: 0, landmarkMs: 0 }),
      composeMs: this.composeMs,
      maskCoverage: this.renderer?.maskCoverage ?? 0,
      baseline: analyzer?.baselineState ?? 'none',
      emotion: this.current.emotion,
    };
  }

  async init(options: VideoProcessorOptions): Promise<void> {
    this.start(options.track);
  }

  async restart(options: VideoProcessorOptions): Promise<void> {
    this.stopPipeline();
    this.analyzer?.resetEmotion();
    this.start(options.track);
  }

  async destroy(): Promise<void> {
    this.stopPipeline();
    this.analyzer?.close();
    this.analyzer = null;
  }

  async onPublish(room: Room): Promise<void> {
    this.room = room;
    this.sharedFace = null;
    await this.publishAttribute();
    if (this.latestFace) this.shareFace(this.latestFace);
  }

  async onUnpublish(): Promise<void> {
    this.room = null;
  }

  /** Learns the person's resting face again from the next few seconds (keep a relaxed face meanwhile). */
  calibrate(): void {
    this.analyzer?.calibrate();
  }

  /** The theme for 'mood' mode (shown at once when in that mode). */
  setMood(mood: Emotion): void {
    this.mood = mood;
    if (this.mode === 'mood') this.changeEmotion({ emotion: mood, confidence: 1, faceFound: false });
  }

  /** The picture for 'image' mode; null blurs instead. */
  setBackgroundImage(image: CanvasImageSource | null): void {
    this.backgroundImage = image;
    this.renderer?.setImage(image);
  }

  setMode(mode: EffectMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    // A new mode gets a fresh chance at its full effect.
    this.budget.reset();
    this.trials.reset();
    if (this.fallback === 'color') this.setFallback(null);
    if (mode === 'off') this.renderer?.setMask(null);
    if (mode !== 'emotion') {
      this.analyzer?.resetEmotion();
      const mood = mode === 'mood' ? this.mood : 'neutral';
      this.changeEmotion({ emotion: mood, confidence: mode === 'mood' ? 1 : 0, faceFound: false });
    }
    if (mode !== 'off') this.ensureAnalyzer();
    this.renderer?.setBackground(this.background());
    void this.publishAttribute();
  }

  private start(track: MediaStreamTrack): void {
    const renderer = startFrameRenderer(track, {
      background: this.background(),
      emotion: this.current.emotion,
      image: this.backgroundImage,
      analysis: this.analysisFeed,
      timed: (durationMs, nowMs) => this.recordFrameTime(durationMs, nowMs),
      mainThread: this.options.mainThreadCompositing,
      webglFrames: this.options.webglFrames ?? 'hardware',
      cpuFrames: this.options.cpuFrames ?? false,
      canvasCapture: this.options.forceCanvasCapture,
    });
    const thread = renderer.kind === 'compose-worker' ? 'worker' : 'main';
    this.budget = new FrameBudget({ budgetMs: this.options.frameBudgetMs ?? budgetForFrameRate(track.getSettings().frameRate, thread) });
    this.renderer = renderer;
    this.processedTrack = renderer.track;
    if (this.mode !== 'off') this.ensureAnalyzer();
  }

  private stopPipeline(): void {
    this.renderer?.stop();
    this.renderer = null;
  }

  /** Frames for the analysis worker, taken wherever the renderer has them. */
  private readonly analysisFeed: AnalysisFeed = {
    claim: (width, height, nowMs) =>
      this.analyzer?.claim(width, height, { segment: true, recognise: this.mode === 'emotion' }, nowMs) ?? null,
    send: (copies) => {
      if (this.analyzer) this.analyzer.send(copies);
      else [copies.segment, copies.landmark].forEach((bitmap) => bitmap?.close());
    },
    cancel: () => this.analyzer?.cancel(),
  };

  private recordFrameTime(durationMs: number, nowMs: number): void {
    this.composeMs += 0.1 * (durationMs - this.composeMs);
    this.framesOut++;
    const missed = this.budget.record(durationMs, nowMs);
    if (this.fallback === 'color') return this.tryFullEffect(nowMs, missed);
    // Only the full effect can be made cheaper; blur without a mask is already the floor.
    if (missed && this.fallback === null && this.renderer?.hasMask) {
      this.trials.fellBack(nowMs);
      this.setFallback('color');
    }
  }

  /** The colour fallback stands: now and then the full effect is drawn again, and kept when frames keep up. */
  private tryFullEffect(nowMs: number, missed: boolean): void {
    const step = this.trials.frame(nowMs, missed);
    if (step === 'try') this.budget.reset(); // the full effect is judged afresh
    if (step === 'recovered') this.setFallback(null);
    else if (step) this.renderer?.setBackground(this.background());
  }

  /** What goes behind the person; null: the camera frame goes out untouched (effects off). */
  private background(): Background | null {
    if (this.mode === 'off') return null;
    const themed = this.mode === 'emotion' || this.mode === 'mood';
    if (this.fallback === 'color' && !this.trials.trying) return themed ? 'flat-theme' : 'flat-grey';
    if (themed) return 'theme';
    return this.mode === 'image' ? 'image' : 'blur';
  }

  private ensureAnalyzer(): void {
    if (this.analyzer || this.fallback === 'blur') return;
    if (typeof Worker === 'undefined' || !hasWebGL2()) {
      this.setFallback('blur');
      return;
    }
    const assets = analysisAssets(this.options.assetsBase, this.options.modelsBase);
    this.analyzer = new FrameAnalyzer({
      ...assets,
      wasmBase: this.options.wasmBase ?? assets.wasmBase,
      maskLongSide: this.options.maskLongSide ?? 256,
      landmarkLongSide: 640,
      segmentIntervalMs: 1000 / (this.options.segmentationHz ?? 15),
      landmarkIntervalMs: 1000 / (this.options.recognitionHz ?? 8),
      onMask: (mask, coverage) => {
        if (this.renderer && this.mode !== 'off') this.renderer.setMask(mask, coverage);
        else mask.close();
      },
      onEmotion: (smoothed) => {
        if (this.mode !== 'emotion') return;
        this.changeEmotion({ emotion: smoothed.emotion, confidence: smoothed.confidence, faceFound: smoothed.faceFound });
      },
      onFace: (face) => this.shareFace(face),
      onReady: () => void this.publishAttribute(),
      onFailure: (reason) => {
        console.warn('[emotion-background] segmentation unavailable, blurring instead:', reason);
        this.renderer?.setMask(null); // a mask from before the failure would freeze in place
        this.setFallback('blur');
        void this.publishAttribute();
      },
    });
    this.analyzer.start();
  }

  private changeEmotion(change: EmotionChange): void {
    const previous = this.current;
    this.current = change;
    this.renderer?.setEmotion(change.emotion);
    if (previous.emotion === change.emotion && previous.faceFound === change.faceFound) return;
    this.options.onEmotion?.({ ...change });
    if (previous.emotion !== change.emotion) void this.publishAttribute();
  }

  private setFallback(fallback: ActiveFallback): void {
    if (fallback === this.fallback) return;
    this.fallback = fallback;
    this.renderer?.setBackground(this.background());
    this.options.onFallback?.(fallback);
  }

  private shareFace(face: FacePoint): void {
    this.latestFace = face;
    const now = performance.now();
    if (!this.room || this.options.publishAttribute === false) return;
    if (!faceWorthSharing(this.sharedFace?.face ?? null, this.sharedFace?.atMs ?? 0, face, now)) return;
    if (publishFaceAttribute(this.room, face)) this.sharedFace = { face, atMs: now };
  }

  /** The attribute carries the emotion while it is being recognised, and the mood picked by hand. */
  private async publishAttribute(): Promise<void> {
    if (!this.room || this.options.publishAttribute === false) return;
    const analyzer = this.analyzer;
    const recognising =
      this.mode === 'emotion' && !!analyzer && (analyzer.state === 'loading' || (analyzer.state === 'ready' && analyzer.landmarkerReady));
    await publishEmotionAttribute(this.room, recognising || this.mode === 'mood' ? this.current.emotion : '');
  }
}

export function createEmotionBackgroundProcessor(options: EmotionBackgroundOptions): EmotionBackgroundProcessor {
  return new EmotionBackgroundProcessor(options);
}
