// Opening the camera and microphone for a call: both at once, or whichever works, and whether they open without a prompt.
import { VideoPresets, createLocalTracks, type LocalTrack } from 'livekit-client';

export type MediaProblem = 'denied' | 'unavailable' | null;

/**
 * Capture size: 720p, the top simulcast layer, for a tile that fills the stage (a 1:1 call on a
 * laptop); simulcast adds 180p and 360p for grids and small tiles. With adaptiveStream each
 * subscriber gets the layer that matches the size its <video> is rendered at.
 */
export const CAPTURE = VideoPresets.h720;

export function problemOf(error: unknown): MediaProblem {
  const name = (error as { name?: string })?.name;
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable';
}

export interface Captured {
  tracks: LocalTrack[];
  problem: MediaProblem;
}

/** Camera and microphone together; when that fails, whichever of the two works. */
export async function captureTracks(): Promise<Captured> {
  try {
    return { tracks: await createLocalTracks({ audio: true, video: { resolution: CAPTURE.resolution } }), problem: null };
  } catch (error) {
    const [video, audio] = await Promise.allSettled([
      createLocalTracks({ video: { resolution: CAPTURE.resolution } }),
      createLocalTracks({ audio: true }),
    ]);
    const tracks = [video, audio].flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    return { tracks, problem: tracks.length === 2 ? null : problemOf(error) };
  }
}

/** Camera and microphone open without a prompt (allowed before). */
export async function mediaAllowed(): Promise<boolean> {
  try {
    const states = await Promise.all(
      (['camera', 'microphone'] as PermissionName[]).map((name) => navigator.permissions.query({ name }).then((s) => s.state)),
    );
    return states.every((state) => state === 'granted');
  } catch {
    return false; // a browser that cannot tell
  }
}
