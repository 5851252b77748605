/**
 * The participant who spoke last (others before ourselves): the speaker view shows them big and
 * their tile gets the ring. Follows each participant's own IsSpeakingChanged events.
 */
import { ParticipantEvent, type Participant } from 'livekit-client';
import { ref, watch } from 'vue';

export function useActiveSpeaker(participants: () => readonly Participant[]) {
  const identity = ref<string | null>(null);
  watch(
    participants,
    (list, _previous, onCleanup) => {
      if (identity.value && !list.some((p) => p.identity === identity.value)) identity.value = null;
      const offs = list.map((participant) => {
        const onChange = (speaking: boolean) => {
          // Our own voice only counts when nobody else has spoken yet.
          if (speaking && (!participant.isLocal || identity.value === null)) identity.value = participant.identity;
        };
        participant.on(ParticipantEvent.IsSpeakingChanged, onChange);
        return () => participant.off(ParticipantEvent.IsSpeakingChanged, onChange);
      });
      onCleanup(() => offs.forEach((off) => off()));
    },
    { immediate: true },
  );
  return identity;
}
