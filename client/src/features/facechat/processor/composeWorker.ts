/**
 * Main-thread side of compose.worker.ts: the camera's frame stream and the
 * published track's input are transferred to the worker, which composites every
 * frame. The main thread only forwards what changes (background, emotion, masks,
 * the picture), relays copies for the analysis worker, and hears each frame's
 * time for the frame budget: no per-frame drawing here, so the page and LiveKit's
 * signalling are not held up by it, nor the video by a busy page (and a frame may
 * take most of its interval).
 */
import type { Emotion } from '../emotion/classify';
import type { Background } from './compositor';
import type { ComposeRequest, ComposeResponse } from './composeProtocol';
import { insertableTrackStreams } from './framePipeline';
import type { FrameRenderer, RendererSetup } from './frameRenderer';

/** The worker compositor, or null where the streams cannot be transferred (the caller composites on the main thread). */
export function startComposeWorker(camera: MediaStreamTrack, setup: RendererSetup): FrameRenderer | null {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./compose.worker.ts', import.meta.url), { type: 'module', name: 'emotion-compose' });
  } catch {
    return null;
  }
  const { readable, generator } = insertableTrackStreams(camera);
  const start: ComposeRequest = {
    type: 'start',
    readable,
    writable: generator.writable,
    background: setup.background,
    emotion: setup.emotion,
    image: null,
    webglFrames: setup.webglFrames,
    cpuFrames: setup.cpuFrames,
  };
  try {
    worker.postMessage(start, [readable, generator.writable]);
  } catch (error) {
    // No transferable streams here: nothing was moved, so these are still ours to drop.
    console.warn('[emotion-background] compositing on the main thread:', error);
    worker.terminate();
    void readable.cancel().catch(() => undefined);
    generator.stop();
    return null;
  }
  const renderer = new WorkerRenderer(worker, generator, setup);
  renderer.setImage(setup.image);
  return renderer;
}

class WorkerRenderer implements FrameRenderer {
  readonly kind = 'compose-worker';
  private masked = false;
  private coverage = 0;
  private copyAsked = false;
  private imageVersion = 0;
  private stopped = false;

  constructor(
    private readonly worker: Worker,
    readonly track: MediaStreamTrack,
    private readonly setup: RendererSetup,
  ) {
    worker.onmessage = (event: MessageEvent<ComposeResponse>) => this.receive(event.data);
    worker.onerror = (event) => console.warn('[emotion-background] compose worker:', event.message);
  }

  get hasMask(): boolean {
    return this.masked;
  }

  get maskCoverage(): number {
    return this.masked ? this.coverage : 0;
  }

  setBackground(background: Background | null): void {
    this.post({ type: 'background', background });
  }

  setEmotion(emotion: Emotion): void {
    this.post({ type: 'emotion', emotion });
  }

  setMask(mask: ImageBitmap | null, coverage = 1): void {
    if (this.stopped) return mask?.close();
    // As Compositor.setMask: any mask leaves one in use (one that found nobody: the last one, or the silhouette).
    this.masked = mask !== null;
    this.coverage = mask ? coverage : 0;
    this.post({ type: 'mask', mask, coverage }, mask ? [mask] : []);
  }

  setImage(image: CanvasImageSource | null): void {
    const version = ++this.imageVersion;
    if (!image) return this.post({ type: 'image', image: null });
    // A copy of its own: the worker closes it, and the picture is shared with the preview.
    createImageBitmap(image as ImageBitmapSource).then(
      (bitmap) => {
        if (version === this.imageVersion && !this.stopped) this.post({ type: 'image', image: bitmap }, [bitmap]);
        else bitmap.close();
      },
      (error) => console.warn('[emotion-background] background picture unusable, blurring instead:', error),
    );
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.post({ type: 'stop' });
    this.track.stop();
    if (this.copyAsked) this.setup.analysis.cancel();
    this.copyAsked = false;
  }

  private post(message: ComposeRequest, transfer: Transferable[] = []): void {
    if (!this.stopped || message.type === 'stop') this.worker.postMessage(message, transfer);
  }

  private receive(message: ComposeResponse): void {
    if (this.stopped) {
      if (message.type === 'copies') [message.segment, message.landmark].forEach((bitmap) => bitmap?.close());
      return;
    }
    if (message.type === 'copies') {
      this.copyAsked = false;
      if (message.segment || message.landmark) this.setup.analysis.send({ segment: message.segment, landmark: message.landmark });
      else this.setup.analysis.cancel();
      return;
    }
    this.setup.timed(message.durationMs, message.atMs);
    if (this.copyAsked) return;
    const sizes = this.setup.analysis.claim(message.width, message.height, performance.now());
    if (!sizes) return;
    this.copyAsked = true;
    this.post({ type: 'copy', sizes });
  }
}
