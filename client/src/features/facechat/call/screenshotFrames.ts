/**
 * The video frames a call screenshot is made of, at the best resolution the tracks give. A remote camera arrives as
 * the simulcast layer that fits its tile (adaptive stream), so for the moment of the shot its track is also attached to
 * a hidden element as big as the published video (adaptive stream then asks for the top layer), the top layer is
 * asked for (`setVideoQuality(HIGH)`), and the bigger frame is awaited briefly; `release` puts it all back.
 */
import { RemoteTrackPublication, Track, VideoQuality, type Participant } from 'livekit-client';

export interface ShotFrame {
  /** The person's User id, as the tile knows it (null while unknown). */
  userId: string | null;
  video: HTMLVideoElement;
}

/** How long a bigger remote layer is waited for. */
const SETTLE_MS = 1500;

const hasFrame = (video: HTMLVideoElement) => video.videoWidth > 0 && video.readyState >= 2;

function tileOf(view: HTMLElement, participant: Participant): HTMLElement | null {
  return view.querySelector<HTMLElement>(`[data-call-tile][data-identity="${CSS.escape(participant.identity)}"]`);
}

/** A hidden element the size of the published video, so adaptive stream asks for the top layer. */
function hiddenSink(width: number, height: number): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  video.setAttribute('aria-hidden', 'true');
  // In the viewport (adaptive stream ignores what is not visible), but not seen and not in the way.
  Object.assign(video.style, {
    position: 'fixed',
    left: '0',
    top: '0',
    width: `${width}px`,
    height: `${height}px`,
    opacity: '0',
    pointerEvents: 'none',
    zIndex: '-1',
  });
  document.body.append(video);
  return video;
}

/** Resolves once `video` shows a frame at least `width` wide, or after `ms` (then the frame is what it is). */
function bigFrame(video: HTMLVideoElement, width: number, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      video.removeEventListener('resize', check);
      resolve();
    };
    const check = () => {
      if (hasFrame(video) && video.videoWidth >= width * 0.95) done();
    };
    const timer = setTimeout(done, ms);
    video.addEventListener('resize', check);
    check();
  });
}

/** Every participant with a camera frame to show, in the call's order, and how to put the remote layers back. */
export async function captureFrames(
  view: HTMLElement,
  participants: readonly Participant[],
): Promise<{ frames: ShotFrame[]; release: () => void }> {
  const undo: (() => void)[] = [];
  const pending: Promise<void>[] = [];
  const frames: ShotFrame[] = [];
  for (const participant of participants) {
    const tile = tileOf(view, participant);
    const tileVideo = tile?.querySelector<HTMLVideoElement>('[data-tile-video]') ?? null;
    const publication = participant.getTrackPublication(Track.Source.Camera);
    const track = publication?.videoTrack;
    if (!tile || !tileVideo || !track || publication.isMuted || tile.dataset.cameraOff === 'true') continue;
    const frame: ShotFrame = { userId: tile.dataset.userId || null, video: tileVideo };
    frames.push(frame);
    if (!(publication instanceof RemoteTrackPublication)) continue;
    const published = { width: publication.dimensions?.width ?? 1280, height: publication.dimensions?.height ?? 720 };
    if (tileVideo.videoWidth >= published.width) continue;
    const before = publication.videoQuality;
    publication.setVideoQuality(VideoQuality.HIGH);
    const sink = hiddenSink(published.width, published.height);
    track.attach(sink);
    undo.push(() => {
      track.detach(sink);
      sink.remove();
      if (before !== undefined && before !== VideoQuality.HIGH) publication.setVideoQuality(before);
    });
    pending.push(
      bigFrame(sink, published.width, SETTLE_MS).then(() => {
        if (hasFrame(sink) && sink.videoWidth > (hasFrame(tileVideo) ? tileVideo.videoWidth : 0)) frame.video = sink;
      }),
    );
  }
  await Promise.all(pending);
  return {
    frames: frames.filter((frame) => hasFrame(frame.video)),
    release: () => undo.forEach((step) => step()),
  };
}
