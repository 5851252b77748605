/**
 * The one definition of the MediaPipe FaceLandmarker set-up shared by the app
 * (live camera, VIDEO mode) and `npm run eval:emotion` (photos, IMAGE mode), so
 * the classifier is always evaluated on blendshapes produced the same way it
 * sees them in production.
 *
 * Only a type is imported from @mediapipe/tasks-vision, so this file is safe to
 * import from Node as well as from the browser.
 */
import type { FaceLandmarkerOptions } from '@mediapipe/tasks-vision';

/** Model file name, served by the app under `/models/` (copied from MODELS_DIR at setup). */
export const FACE_LANDMARKER_MODEL_FILE = 'face_landmarker.task';

/** Where the app serves the model (client/public, gitignored; the wasm files are under /mediapipe). */
const FACE_LANDMARKER_MODEL_URL = `/models/${FACE_LANDMARKER_MODEL_FILE}`;

export type LandmarkerRunningMode = 'IMAGE' | 'VIDEO';

/**
 * Detection thresholds. 0.5 is MediaPipe's default; we keep it so a half-visible
 * face yields "no face" rather than garbage blendshapes that would be classified.
 */
const MIN_FACE_DETECTION_CONFIDENCE = 0.5;
const MIN_FACE_PRESENCE_CONFIDENCE = 0.5;
const MIN_TRACKING_CONFIDENCE = 0.5;

/** Longest image side handed to the landmarker; larger photos are downscaled first. */
export const MAX_INPUT_SIDE = 1024;

export function faceLandmarkerOptions(
  runningMode: LandmarkerRunningMode,
  modelAssetPath: string = FACE_LANDMARKER_MODEL_URL,
): FaceLandmarkerOptions {
  return {
    baseOptions: {
      modelAssetPath,
      // CPU: deterministic, works without a GPU (CI, SwiftShader) and the
      // landmarker is cheap enough at 5–10 Hz.
      delegate: 'CPU',
    },
    runningMode,
    numFaces: 1,
    outputFaceBlendshapes: true,
    outputFacialTransformationMatrixes: false,
    minFaceDetectionConfidence: MIN_FACE_DETECTION_CONFIDENCE,
    minFacePresenceConfidence: MIN_FACE_PRESENCE_CONFIDENCE,
    minTrackingConfidence: MIN_TRACKING_CONFIDENCE,
  };
}
