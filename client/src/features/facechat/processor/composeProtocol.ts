/** Messages between the processor (main thread, composeWorker.ts) and compose.worker.ts. */
import type { Emotion } from '../emotion/classify';
import type { AnalysisSizes } from './analysisCopies';
import type { Background } from './compositor';

export type ComposeRequest =
  | {
      type: 'start';
      /** The camera's frames (transferred). */
      readable: ReadableStream<VideoFrame>;
      /** The published track's input (transferred). */
      writable: WritableStream<VideoFrame>;
      /** null: frames go out untouched (effects off). */
      background: Background | null;
      emotion: Emotion;
      image: ImageBitmap | null;
      /** Which WebGL may read the frames (framePixels.ts): a GPU only, or software WebGL too. */
      webglFrames: 'hardware' | 'always';
      /** Without WebGL on a GPU: convert the frames on the CPU (framePixelsCpu.ts) rather than draw them as they are. */
      cpuFrames: boolean;
    }
  | { type: 'background'; background: Background | null }
  | { type: 'emotion'; emotion: Emotion }
  /** Ownership moves to the worker; null drops every mask. */
  | { type: 'mask'; mask: ImageBitmap | null; coverage: number }
  | { type: 'image'; image: ImageBitmap | null }
  /** Copies of the next frame for the analysis worker. */
  | { type: 'copy'; sizes: AnalysisSizes }
  | { type: 'stop' };

export type ComposeResponse =
  /** A frame went out composited: how long it took on the worker, its size (for the analysis copies). */
  | { type: 'frame'; durationMs: number; atMs: number; width: number; height: number }
  /** The copies asked for; none when they could not be made. */
  | { type: 'copies'; segment?: ImageBitmap; landmark?: ImageBitmap };
