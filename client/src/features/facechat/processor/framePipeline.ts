/**
 * Moves camera frames through a per-frame handler and out as a new track.
 *
 * - Insertable streams (Chromium): MediaStreamTrackProcessor → handler →
 *   MediaStreamTrackGenerator. Every camera frame is seen once; output frames
 *   keep the camera's timestamps. The streams are transferable, so `pipeFrames`
 *   runs in the compose worker too (composeWorker.ts).
 * - Elsewhere: a hidden <video> plays the camera, a timer at the camera's frame
 *   rate hands it to the handler, and the output canvas's captureStream() is the
 *   track.
 *
 * The handler renders into the output canvas and says what to send: the
 * rendered canvas, the camera frame untouched (effects off), or nothing (an
 * error: the receiver keeps the previous frame rather than getting a raw one).
 */
import { resizeCanvas } from './canvas';

export type FrameOutcome = 'rendered' | 'passthrough' | 'drop';
export type FrameHandler = (source: VideoFrame | HTMLVideoElement, width: number, height: number, nowMs: number) => FrameOutcome;
/** The same for `pipeFrames`, which may wait for a frame (the compose worker copies its pixels out first). */
type StreamFrameHandler = (frame: VideoFrame, width: number, height: number, nowMs: number) => FrameOutcome | Promise<FrameOutcome>;
/** Time a rendered frame took on its thread, output frame creation included (for the frame budget). */
export type FrameTimer = (durationMs: number, nowMs: number) => void;

export interface FramePipeline {
  readonly track: MediaStreamTrack;
  readonly kind: 'insertable-streams' | 'canvas-capture';
  stop(): void;
}

// Chromium's insertable streams are not in TypeScript's DOM lib.
interface TrackProcessorConstructor {
  new (init: { track: MediaStreamTrack; maxBufferSize?: number }): { readable: ReadableStream<VideoFrame> };
}
interface TrackGeneratorConstructor {
  new (init: { kind: 'video' }): MediaStreamTrack & { writable: WritableStream<VideoFrame> };
}
const insertable = globalThis as unknown as {
  MediaStreamTrackProcessor?: TrackProcessorConstructor;
  MediaStreamTrackGenerator?: TrackGeneratorConstructor;
};

export const hasInsertableStreams = () =>
  typeof insertable.MediaStreamTrackProcessor === 'function' &&
  typeof insertable.MediaStreamTrackGenerator === 'function' &&
  typeof VideoFrame === 'function';

/** The camera's frames as a stream, and a track fed by a stream (insertable streams; Chromium). */
export function insertableTrackStreams(track: MediaStreamTrack): {
  readable: ReadableStream<VideoFrame>;
  generator: MediaStreamTrack & { writable: WritableStream<VideoFrame> };
} {
  const processor = new insertable.MediaStreamTrackProcessor!({ track, maxBufferSize: 2 });
  return { readable: processor.readable, generator: new insertable.MediaStreamTrackGenerator!({ kind: 'video' }) };
}

/**
 * Moves frames from `readable` through `handle` into `writable` until `signal` aborts or the camera ends. Runs
 * where the streams are: on the main thread, or in the compose worker they were transferred to.
 */
export function pipeFrames(
  readable: ReadableStream<VideoFrame>,
  writable: WritableStream<VideoFrame>,
  output: OffscreenCanvas | HTMLCanvasElement,
  handle: StreamFrameHandler,
  timed: FrameTimer,
  signal: AbortSignal,
): void {
  const transformer = new TransformStream<VideoFrame, VideoFrame>({
    async transform(frame, controller) {
      let outcome: FrameOutcome;
      const started = performance.now();
      try {
        outcome = await handle(frame, frame.displayWidth, frame.displayHeight, started);
        if (outcome === 'rendered') {
          controller.enqueue(new VideoFrame(output, { timestamp: frame.timestamp, duration: frame.duration ?? undefined }));
          timed(performance.now() - started, started);
        }
      } catch (error) {
        console.warn('[emotion-background] frame dropped:', error);
        outcome = 'drop';
      }
      if (outcome === 'passthrough') controller.enqueue(frame);
      else frame.close();
    },
  });
  readable
    .pipeThrough(transformer, { signal })
    .pipeTo(writable, { signal })
    .catch(() => {
      // Aborted by stop(), or the camera ended: nothing to do.
    });
}

export function startInsertableStreams(
  track: MediaStreamTrack,
  output: OffscreenCanvas | HTMLCanvasElement,
  handle: FrameHandler,
  timed: FrameTimer,
): FramePipeline {
  const { readable, generator } = insertableTrackStreams(track);
  const abort = new AbortController();
  pipeFrames(readable, generator.writable, output, handle, timed, abort.signal);
  return {
    track: generator,
    kind: 'insertable-streams',
    stop() {
      abort.abort();
      generator.stop();
    },
  };
}

export function startCanvasCapture(
  track: MediaStreamTrack,
  output: HTMLCanvasElement,
  handle: FrameHandler,
  timed: FrameTimer,
): FramePipeline {
  const frameRate = track.getSettings().frameRate || 30;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  void video.play().catch(() => undefined);
  const context = output.getContext('2d')!;
  const stream = output.captureStream(frameRate);
  let lastTime = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    timer = setTimeout(tick, 1000 / frameRate);
    if (video.readyState < 2 || video.currentTime === lastTime) return;
    lastTime = video.currentTime;
    const started = performance.now();
    try {
      const outcome = handle(video, video.videoWidth, video.videoHeight, started);
      if (outcome === 'passthrough') {
        resizeCanvas(output, video.videoWidth, video.videoHeight);
        context.drawImage(video, 0, 0);
      } else if (outcome === 'rendered') {
        timed(performance.now() - started, started);
      }
    } catch (error) {
      console.warn('[emotion-background] frame dropped:', error);
    }
  };
  tick();
  return {
    track: stream.getVideoTracks()[0],
    kind: 'canvas-capture',
    stop() {
      clearTimeout(timer);
      stream.getTracks().forEach((t) => t.stop());
      video.srcObject = null;
    },
  };
}
