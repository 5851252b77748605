/**
 * A call screenshot worth posting: every camera's current frame at its own resolution (not the page as rendered:
 * no names, badges or controls), composed as a clean grid — or the one person alone — at least 1280 px wide, JPEG.
 * It also says who is where: each person's User id and face point (MediaPipe on the finished picture, else the
 * frame's upper middle), 0–1 of the picture, for `uploadMedia(…, { screenshotPeople })` and the post's photo tags.
 */
import type { Participant } from 'livekit-client';
import { captureFrames } from './screenshotFrames';
import { findFaces } from './screenshotFaces';
import { facePointsFor, layoutShot } from './screenshotLayout';

export interface ScreenshotPerson {
  userId: string;
  x: number;
  y: number;
}

export interface CallScreenshot {
  file: File;
  people: ScreenshotPerson[];
}

/** Behind the frames (the bands around a frame of another shape, the gaps between cells). */
const BACKDROP = '#0f172a';

function canvasToJpeg(canvas: HTMLCanvasElement, quality = 0.9): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The screenshot could not be encoded'))), 'image/jpeg', quality);
  });
}

/** `view` is the call's grid (its tiles say whose video is whose); `participants` the room's, in the grid's order. */
export async function captureCallScreenshot(view: HTMLElement, participants: readonly Participant[]): Promise<CallScreenshot> {
  const { frames, release } = await captureFrames(view, participants);
  let canvas: HTMLCanvasElement;
  let layout: ReturnType<typeof layoutShot>;
  try {
    if (!frames.length) throw new Error('No camera is on');
    layout = layoutShot(frames.map(({ video }) => ({ width: video.videoWidth, height: video.videoHeight })));
    canvas = document.createElement('canvas');
    canvas.width = layout.width;
    canvas.height = layout.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas');
    ctx.fillStyle = BACKDROP;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingQuality = 'high';
    frames.forEach(({ video }, i) => {
      const box = layout.frames[i];
      ctx.drawImage(video, box.x, box.y, box.w, box.h);
    });
  } finally {
    release();
  }
  const points = facePointsFor(layout, await findFaces(canvas, layout.frames));
  const people = frames.flatMap((frame, i) => (frame.userId ? [{ userId: frame.userId, ...points[i] }] : []));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return { file: new File([await canvasToJpeg(canvas)], `pp-enter-call-${stamp}.jpg`, { type: 'image/jpeg' }), people };
}
