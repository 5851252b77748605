/**
 * Faces in a finished screenshot: a one-shot MediaPipe FaceLandmarker on the main thread (IMAGE mode, CPU), run on
 * each frame's part of the picture (its face detector looks at a 128 px square: the whole grid would shrink faces away),
 * loaded on the first screenshot from the app's own assets (wasm at /mediapipe, model at /models, as the
 * emotion processor's worker loads them) and kept for the next ones. Any failure or a slow load means "no faces":
 * the caller then places people by their frames.
 */
import type { FaceLandmarker } from '@mediapipe/tasks-vision';
import { faceFromLandmarks } from '../processor/facePoint';
import type { Box, FacePoint } from './screenshotLayout';

const WASM_BASE = '/mediapipe';
const MODEL_URL = '/models/face_landmarker.task';
/** Faces looked for in one frame (a camera can show a few people). */
const MAX_FACES = 4;

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

/** The part `box` of `image` on a canvas of its own. */
function crop(image: HTMLCanvasElement, box: Box): HTMLCanvasElement {
  const part = document.createElement('canvas');
  part.width = Math.max(1, box.w);
  part.height = Math.max(1, box.h);
  part.getContext('2d')?.drawImage(image, box.x, box.y, box.w, box.h, 0, 0, part.width, part.height);
  return part;
}

/**
 * The centre of each face found in the `frames` of `image` (the mean of its landmarks), 0–1 of the whole picture;
 * [] when none or on failure.
 */
export async function findFaces(image: HTMLCanvasElement, frames: readonly Box[], timeoutMs = 6000): Promise<FacePoint[]> {
  try {
    const task = await withTimeout(loadLandmarker(), timeoutMs);
    return frames.flatMap((box) =>
      task.detect(crop(image, box)).faceLandmarks.flatMap((points) => {
        const face = faceFromLandmarks(points);
        return face ? [{ x: (box.x + face.x * box.w) / image.width, y: (box.y + face.y * box.h) / image.height }] : [];
      }),
    );
  } catch {
    return [];
  }
}
