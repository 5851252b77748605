/**
 * Where the person's face is in their own camera frame (0–1 of its width and height), so that the others' tiles that
 * fill their box (cover: the phone's full-screen video) crop around the face instead of the frame's centre.
 *
 * Found by the analysis worker: from the face landmarks while emotions are recognised, otherwise from the person mask
 * (the top of the silhouette), so blur and pictures have it too. Shared as a participant attribute (attribute.ts),
 * only when it moved noticeably: every change is a participant update to everyone in the call.
 */
export interface FacePoint {
  x: number;
  y: number;
}

/** Mean of a face's landmarks (normalised to the image, as MediaPipe gives them); null without landmarks. */
export function faceFromLandmarks(points: readonly FacePoint[] | undefined): FacePoint | null {
  if (!points?.length) return null;
  let x = 0;
  let y = 0;
  for (const point of points) {
    x += point.x;
    y += point.y;
  }
  return { x: clamp01(x / points.length), y: clamp01(y / points.length) };
}

/** A pixel is the person from this alpha on. */
const PERSON_ALPHA = 0.5;
/** A row belongs to the silhouette when this share of it is the person (stray pixels do not count). */
const ROW_SHARE = 0.02;
/** The head: this top share of the silhouette's height… */
const HEAD_SHARE = 0.2;
/** …and the face's centre this far down it. */
const FACE_DOWN = 0.1;

/**
 * The head of the person in a mask (`alpha` 0..1 per pixel, row by row): the middle of the person's pixels in the top
 * fifth of the silhouette, a little below its top. null when no row is the person.
 */
export function headFromMask(alpha: ArrayLike<number>, width: number, height: number): FacePoint | null {
  const minimum = Math.max(2, Math.round(width * ROW_SHARE));
  const rowCounts = new Uint32Array(height);
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    let count = 0;
    for (let x = 0, i = y * width; x < width; x++, i++) if (alpha[i]! >= PERSON_ALPHA) count++;
    rowCounts[y] = count;
    if (count >= minimum) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  if (top < 0) return null;
  const span = bottom - top + 1;
  const headEnd = top + Math.max(1, Math.round(span * HEAD_SHARE));
  let sumX = 0;
  let count = 0;
  for (let y = top; y < headEnd; y++) {
    if (rowCounts[y]! < minimum) continue;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      if (alpha[i]! >= PERSON_ALPHA) {
        sumX += x + 0.5;
        count++;
      }
    }
  }
  if (!count) return null;
  return { x: clamp01(sumX / count / width), y: clamp01((top + span * FACE_DOWN) / height) };
}

/** How far (in either direction, share of the frame) the face moves before the others are told. */
const MOVED = 0.05;
/** And at most this often. */
const MIN_INTERVAL_MS = 1000;

/** Whether `next` should be shared, given what was shared last (`null`: nothing yet) and when. */
export function faceWorthSharing(last: FacePoint | null, lastAtMs: number, next: FacePoint, nowMs: number): boolean {
  if (!last) return true;
  if (nowMs - lastAtMs < MIN_INTERVAL_MS) return false;
  return Math.abs(next.x - last.x) >= MOVED || Math.abs(next.y - last.y) >= MOVED;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
