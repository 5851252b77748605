import type { AudioTrack, VideoTrack } from 'livekit-client';
import { onBeforeUnmount, watch, type Ref } from 'vue';
import { endAnalysisQuiet } from '../processor/analysisQuiet';

/**
 * A participant's current video and audio tracks attached to the component's `<video>` and `<audio>` elements (its
 * template refs). A replaced track is detached from the element, so
 * LiveKit stops feeding it and adaptive stream counts only what is on screen.
 */
export function useAttachedTracks(
  tracks: { video: Ref<VideoTrack | null>; audio: Ref<AudioTrack | null> },
  videoEl: Ref<HTMLVideoElement | null>,
  audioEl: Ref<HTMLAudioElement | null>,
): void {
  watch(
    [tracks.video, videoEl],
    ([track, element], [oldTrack, oldElement]) => {
      if (oldTrack && oldElement) oldTrack.detach(oldElement);
      if (track && element) {
        track.attach(element);
        performance.mark('call:attached-video');
        element.muted = true;
        void element.play().catch(() => {});
        // The first remote frame on screen ends the call's set-up: the background effect's analysis goes on.
        if (!track.isLocal) element.requestVideoFrameCallback?.(() => endAnalysisQuiet());
      }
    },
    { flush: 'post' },
  );
  watch(
    [tracks.audio, audioEl],
    ([track, element], [oldTrack, oldElement]) => {
      if (oldTrack && oldElement) oldTrack.detach(oldElement);
      if (track && element) track.attach(element);
    },
    { flush: 'post' },
  );
  onBeforeUnmount(() => {
    if (videoEl.value) tracks.video.value?.detach(videoEl.value);
    if (audioEl.value) tracks.audio.value?.detach(audioEl.value);
  });
}
