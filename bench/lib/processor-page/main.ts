/**
 * Bench page for bench/processor.ts: runs one processor on the fake camera and
 * counts the frames of its processed track (MediaStreamTrackProcessor reads) over
 * a window after a warm-up, next to the frames the camera itself delivered.
 */
import { BackgroundProcessor } from '@livekit/track-processors';
import { Track, type TrackProcessor } from 'livekit-client';
import { createEmotionBackgroundProcessor, type ProcessorStats } from '../../../client/src/features/facechat/processor';

export interface BenchOptions {
  /** ours: compositing in the compose worker; ours-main: on the main thread (browsers that cannot transfer the frames). */
  which: 'ours' | 'ours-main' | 'livekit';
  warmupMs: number;
  measureMs: number;
  width: number;
  height: number;
  frameRate: number;
}

export interface BenchResult {
  which: BenchOptions['which'];
  fps: number;
  cameraFps: number;
  /** From getUserMedia to the first processed output. */
  startMs: number;
  /** LiveKit only: its own per-frame timings (onFrameProcessed), averaged. */
  livekitMs?: { segmentation: number; filter: number };
  /** Ours only: analysis rates and timings during the window. */
  maskHz?: number;
  recognitionHz?: number;
  stats?: ProcessorStats;
}

interface ReaderConstructor {
  new (init: { track: MediaStreamTrack }): { readable: ReadableStream<VideoFrame> };
}
const TrackReader = (globalThis as unknown as { MediaStreamTrackProcessor: ReaderConstructor }).MediaStreamTrackProcessor;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads every frame of `track` (closing it at once) and counts those read while counting. */
function countFrames(track: MediaStreamTrack) {
  const reader = new TrackReader({ track }).readable.getReader();
  let counting = false;
  let count = 0;
  let first: () => void = () => undefined;
  const firstFrame = new Promise<void>((resolve) => (first = resolve));
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      first();
      if (counting) count++;
      value.close();
    }
  })();
  return {
    firstFrame,
    start: () => ((counting = true), (count = 0)),
    stop: () => ((counting = false), count),
    close: () => void reader.cancel().catch(() => undefined),
  };
}

/** A virtual background image for LiveKit's processor, made here (no external asset). */
function backgroundImage(width: number, height: number): string {
  const canvas = document.createElement('canvas');
  Object.assign(canvas, { width, height });
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, 0, height);
  gradient.addColorStop(0, '#2e807c');
  gradient.addColorStop(1, '#96c4b2');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  return canvas.toDataURL('image/png');
}

async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { width: { exact: options.width }, height: { exact: options.height }, frameRate: { exact: options.frameRate } },
  });
  const camera = stream.getVideoTracks()[0];
  const element = document.createElement('video');
  Object.assign(element, { muted: true, playsInline: true, width: 160, height: 120, srcObject: new MediaStream([camera]) });
  document.body.append(element);
  await element.play();

  const ours =
    options.which === 'livekit'
      ? null
      : createEmotionBackgroundProcessor({
          mode: 'emotion',
          publishAttribute: false,
          mainThreadCompositing: options.which === 'ours-main',
        });
  const livekitTimes = { frames: 0, segmentation: 0, filter: 0 };
  const processor: TrackProcessor<Track.Kind.Video> =
    ours ??
    BackgroundProcessor({
      mode: 'virtual-background',
      imagePath: backgroundImage(options.width, options.height),
      segmenterOptions: { delegate: 'CPU' },
      onFrameProcessed: (stats) => {
        livekitTimes.frames++;
        livekitTimes.segmentation += stats.segmentationTimeMs;
        livekitTimes.filter += stats.filterTimeMs;
      },
      assetPaths: { tasksVisionFileSet: '/mediapipe', modelAssetPath: '/models/selfie_segmenter.tflite' },
    });
  await processor.init({ kind: Track.Kind.Video, track: camera, element });
  const output = countFrames(processor.processedTrack!);
  const cameraFrames = countFrames(camera.clone());
  await output.firstFrame;
  const startMs = performance.now() - started;

  if (ours) {
    // Measure the full effect: wait until the models are loaded and both analyses run.
    const deadline = performance.now() + 60_000;
    while (!(ours.stats.masks > 0 && ours.stats.recognitions > 0)) {
      if (performance.now() > deadline || ours.stats.analyzer === 'failed')
        throw new Error(`models did not start: ${JSON.stringify(ours.stats)}`);
      await sleep(100);
    }
  }
  await sleep(options.warmupMs);
  const before = ours?.stats;
  output.start();
  cameraFrames.start();
  await sleep(options.measureMs);
  const frames = output.stop();
  const cameraCount = cameraFrames.stop();
  const after = ours?.stats;
  const seconds = options.measureMs / 1000;

  output.close();
  cameraFrames.close();
  await processor.destroy();
  processor.processedTrack?.stop();
  stream.getTracks().forEach((track) => track.stop());
  element.remove();

  return {
    which: options.which,
    fps: frames / seconds,
    cameraFps: cameraCount / seconds,
    startMs,
    ...(livekitTimes.frames
      ? { livekitMs: { segmentation: livekitTimes.segmentation / livekitTimes.frames, filter: livekitTimes.filter / livekitTimes.frames } }
      : {}),
    ...(before && after
      ? {
          maskHz: (after.masks - before.masks) / seconds,
          recognitionHz: (after.recognitions - before.recognitions) / seconds,
          stats: after,
        }
      : {}),
  };
}

Object.assign(window, { runBench, benchPageReady: true });
