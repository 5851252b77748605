/** Messages between the processor (main thread) and analysis.worker.ts. */
import type { FaceLandmarkerOptions } from '@mediapipe/tasks-vision';
import type { FacePoint } from './facePoint';

export interface AnalysisInit {
  type: 'init';
  /** Folder holding vision_wasm_internal.{js,wasm} (served by the app, never a CDN). */
  wasmBase: string;
  segmenterModelUrl: string;
  /** null: recognition is not wanted, do not load the landmarker. */
  landmarkerOptions: FaceLandmarkerOptions | null;
  /** Loaded ahead of need (analysisWorkers.ts): run each model once on a blank picture before saying ready. */
  warmUp: boolean;
}

export interface AnalysisFrame {
  type: 'frame';
  id: number;
  /** Low-resolution copy of the camera frame for the segmenter (e.g. 256×192). */
  segment?: ImageBitmap;
  /** Copy of the camera frame for the face landmarker. */
  landmark?: ImageBitmap;
}

/**
 * `claimed`: an analyzer took the worker (analysisWorkers.ts): a warm-up not yet run is skipped, its frames come
 * first. `reset`: a new owner takes it back: what it kept of the last one's camera goes.
 */
export type AnalysisRequest = AnalysisInit | AnalysisFrame | { type: 'claimed' } | { type: 'reset' } | { type: 'close' };

export interface AnalysisReady {
  type: 'ready';
  segmenter: boolean;
  landmarker: boolean;
  /** Why a model did not load, for logs and the fallback. */
  errors: string[];
  loadMs: number;
}

interface AnalysisResult {
  type: 'result';
  id: number;
  /** Person mask: alpha = how sure the segmenter is that the pixel is the person. */
  mask?: ImageBitmap;
  /** Share of the mask that is the person (mean alpha, 0..1): near 0 when the segmenter found nobody. */
  coverage?: number;
  /** Blendshape scores of the first face; null when no face was found; absent when not run. */
  blendshapes?: Record<string, number> | null;
  /** Centre of that face's landmarks (0–1 of the frame); null when no face was found; absent when not run. */
  face?: FacePoint | null;
  /** The head by the mask (facePoint.ts), with every mask; null when nobody is in it. */
  head?: FacePoint | null;
  segmentMs?: number;
  landmarkMs?: number;
  error?: string;
}

export type AnalysisResponse = AnalysisReady | AnalysisResult;
