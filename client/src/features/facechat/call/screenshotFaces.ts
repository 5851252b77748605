/**
 * Faces in a finished screenshot: a one-shot MediaPipe FaceLandmarker on the main thread (IMAGE mode, CPU),
 * loaded on the first screenshot from the app's own assets (wasm at /mediapipe, model at /models, as the
 * emotion processor's worker loads them) and kept for the next ones. Any failure or a slow load means "no faces":
 * the caller then places people by their frames.
 */
import type { FaceLandmarker } from '@mediapipe/tasks-vision';
import type { FacePoint } from './screenshotLayout';

const WASM_BASE = '/mediapipe';
const MODEL_URL = '/models/face_landmarker.task';
/** The most people a call holds. */
const MAX_FACES = 16;

let landmarker: Promise<FaceLandmarker> | null = null;

function loadLandmarker(): Promise<FaceLandmarker> {
  landmarker ??= import('@mediapipe/tasks-vision')
    .then(async ({ FaceLandmarker, FilesetResolver }) =>
      FaceLandmarker.createFromOptions(await FilesetResolver.forVisionTasks(WASM_BASE), {
        baseOptions: { modelAssetPath: MODEL_URL, delegate: 'CPU' },
        runningMode: 'IMAGE',
        numFaces: MAX_FACES,
      }),
    )
    .catch((error: unknown) => {
      landmarker = null; // the next screenshot tries again
      throw error;
    });
  return landmarker;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms))]);
}

/** The centre of each face found (the mean of its landmarks), 0–1 of the picture; [] when none or on failure. */
export async function findFaces(image: HTMLCanvasElement, timeoutMs = 6000): Promise<FacePoint[]> {
  try {
    const task = await withTimeout(loadLandmarker(), timeoutMs);
    const result = task.detect(image);
    return result.faceLandmarks
      .filter((points) => points.length > 0)
      .map((points) => ({
        x: points.reduce((sum, p) => sum + p.x, 0) / points.length,
        y: points.reduce((sum, p) => sum + p.y, 0) / points.length,
      }));
  } catch {
    return [];
  }
}
