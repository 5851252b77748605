/**
 * Compose worker: the camera's frames are composited here, off the main thread
 * (the page, LiveKit's signalling and the call UI keep it), with the same
 * Compositor the main-thread path uses. See composeWorker.ts for the main side.
 */
/// <reference lib="webworker" />
import type { Emotion } from '../emotion/classify';
import { copyForAnalysis, type AnalysisSizes } from './analysisCopies';
import type { ComposeRequest, ComposeResponse } from './composeProtocol';
import { type Background, Compositor } from './compositor';
import type { FrameOutcome } from './framePipeline';
import { pipeFrames } from './framePipeline';
import { FramePixels } from './framePixels';
import { CpuFramePixels } from './framePixelsCpu';

declare const self: DedicatedWorkerGlobalScope;

let compositor: Compositor | null = null;
let background: Background | null = null;
let emotion: Emotion = 'neutral';
let image: ImageBitmap | null = null;
let pendingCopy: AnalysisSizes | null = null;
let abort: AbortController | null = null;
/**
 * The frames' pixels without the page's main thread: WebGL on a GPU (framePixels.ts), or the CPU where asked
 * (framePixelsCpu.ts); null: frames are drawn as they are, through the main thread (cheapest without a GPU).
 */
let pixels: FramePixels | CpuFramePixels | null | undefined;
let cpuFrames = false;
let webglFrames: 'hardware' | 'always' = 'hardware';

const post = (message: ComposeResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);

async function handleFrame(frame: VideoFrame, width: number, height: number, nowMs: number): Promise<FrameOutcome> {
  if (background === null) return 'passthrough';
  pixels ??= FramePixels.create({ software: webglFrames === 'always' }) ?? (cpuFrames ? createCpuPixels() : null);
  const source = pixels ? await pixels.convert(frame) : frame;
  if (pendingCopy) {
    const sizes = pendingCopy;
    pendingCopy = null;
    copyForAnalysis(source, sizes).then(
      (copies) =>
        post(
          { type: 'copies', ...copies },
          [copies.segment, copies.landmark].filter((b): b is ImageBitmap => !!b),
        ),
      () => post({ type: 'copies' }),
    );
  }
  if (!compositor) return 'drop';
  compositor.render(source, width, height, background, nowMs);
  return 'rendered';
}

function createCpuPixels(): CpuFramePixels | null {
  try {
    return new CpuFramePixels();
  } catch (error) {
    console.warn('[emotion-background] frames drawn through the main thread:', error);
    return null;
  }
}

function setImage(next: ImageBitmap | null): void {
  if (image && image !== next) image.close();
  image = next;
  compositor?.setImage(next);
}

function start(message: Extract<ComposeRequest, { type: 'start' }>): void {
  const output = new OffscreenCanvas(1, 1);
  compositor = new Compositor(output);
  compositor.themes.setEmotion(message.emotion, 0);
  setImage(message.image);
  background = message.background;
  emotion = message.emotion;
  webglFrames = message.webglFrames;
  cpuFrames = message.cpuFrames;
  abort = new AbortController();
  let last = { width: 0, height: 0 };
  pipeFrames(
    message.readable,
    message.writable,
    output,
    (source, width, height, nowMs) => {
      last = { width, height };
      return handleFrame(source, width, height, nowMs);
    },
    (durationMs, atMs) => post({ type: 'frame', durationMs, atMs, ...last }),
    abort.signal,
  );
}

self.onmessage = (event: MessageEvent<ComposeRequest>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      start(message);
      break;
    case 'background':
      background = message.background;
      break;
    case 'emotion':
      if (message.emotion !== emotion) compositor?.themes.setEmotion(message.emotion, performance.now());
      emotion = message.emotion;
      break;
    case 'mask':
      if (compositor) compositor.setMask(message.mask, message.coverage);
      else message.mask?.close();
      break;
    case 'image':
      setImage(message.image);
      break;
    case 'copy':
      pendingCopy = message.sizes;
      break;
    case 'stop':
      abort?.abort();
      compositor?.dispose();
      compositor = null;
      setImage(null);
      self.close();
      break;
  }
};
