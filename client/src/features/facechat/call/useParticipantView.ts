/**
 * What a tile shows of one participant, kept up to date from that participant's own events:
 * the camera and microphone tracks, mute states, connection quality, speaking, name.
 */
import { ConnectionQuality, ParticipantEvent, Track, type AudioTrack, type Participant, type VideoTrack } from 'livekit-client';
import { markRaw, ref, shallowRef, watch } from 'vue';

const EVENTS = [
  ParticipantEvent.TrackPublished,
  ParticipantEvent.TrackUnpublished,
  ParticipantEvent.TrackSubscribed,
  ParticipantEvent.TrackUnsubscribed,
  ParticipantEvent.TrackMuted,
  ParticipantEvent.TrackUnmuted,
  ParticipantEvent.LocalTrackPublished,
  ParticipantEvent.LocalTrackUnpublished,
  ParticipantEvent.ConnectionQualityChanged,
  ParticipantEvent.IsSpeakingChanged,
  ParticipantEvent.ParticipantNameChanged,
  ParticipantEvent.AttributesChanged,
] as const;

/** The token's display name, else the username, else the identity (until the API names the person). */
function displayNameOf(participant: Pick<Participant, 'name' | 'attributes' | 'identity'>): string {
  return participant.name || participant.attributes.username || participant.identity;
}

export function useParticipantView(participant: () => Participant) {
  const video = shallowRef<VideoTrack | null>(null);
  const audio = shallowRef<AudioTrack | null>(null);
  const micMuted = ref(true);
  const cameraOff = ref(true);
  const quality = ref<ConnectionQuality>(ConnectionQuality.Unknown);
  const speaking = ref(false);
  const name = ref('');
  /** Counts updates: what is read from the participant outside these refs follows it. */
  const version = ref(0);

  watch(
    participant,
    (current, _previous, onCleanup) => {
      const update = () => {
        const camera = current.getTrackPublication(Track.Source.Camera);
        const mic = current.getTrackPublication(Track.Source.Microphone);
        const cameraTrack = camera?.track && camera.track.kind === Track.Kind.Video ? (camera.track as VideoTrack) : null;
        const micTrack = mic?.track && mic.track.kind === Track.Kind.Audio ? (mic.track as AudioTrack) : null;
        if (video.value !== cameraTrack) video.value = cameraTrack ? markRaw(cameraTrack) : null;
        // Our own voice is never played back to us.
        const playable = current.isLocal ? null : micTrack;
        if (audio.value !== playable) audio.value = playable ? markRaw(playable) : null;
        micMuted.value = !mic || mic.isMuted;
        cameraOff.value = !camera || camera.isMuted || !cameraTrack;
        quality.value = current.connectionQuality;
        speaking.value = current.isSpeaking;
        name.value = displayNameOf(current);
        version.value++;
      };
      for (const event of EVENTS) current.on(event, update);
      update();
      onCleanup(() => {
        for (const event of EVENTS) current.off(event, update);
      });
    },
    { immediate: true },
  );

  return { video, audio, micMuted, cameraOff, quality, speaking, name, version };
}
