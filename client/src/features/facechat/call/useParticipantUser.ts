/**
 * Who a participant is, by the API: LiveKit tokens let a participant rewrite its own `name` and
 * attributes, so a tile names people from `user(id)`. The id is the `userId` attribute the API put
 * in the token, taken only while it still names the participant's identity (the raw user uuid, which
 * a participant cannot change); the token's name stands in until the API answers.
 */
import { useQuery } from '@vue/apollo-composable';
import type { Participant } from 'livekit-client';
import { computed, type Ref } from 'vue';
import { CallParticipantDocument } from '../../../gql/graphql';
import { afterCallSetUp } from '../processor/analysisQuiet';

function decodeBase64Url(value: string): string | null {
  try {
    const bytes = Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}

/** The `userId` attribute when it is the API's id of this very identity, else null. */
export function verifiedUserId(participant: Pick<Participant, 'identity' | 'attributes'>): string | null {
  const claimed = participant.attributes.userId;
  return claimed && decodeBase64Url(claimed) === `User:${participant.identity}` ? claimed : null;
}

export function useParticipantUser(participant: () => Participant, attributesVersion: Ref<number>) {
  const userId = computed(() => {
    void attributesVersion.value; // re-read when the attributes change
    return verifiedUserId(participant());
  });
  // Asked once the call's setup is over (the first remote frame): the query's work would take that moment's CPU, and
  // the token's name stands in meanwhile.
  const mayAsk = afterCallSetUp();
  const { result } = useQuery(
    CallParticipantDocument,
    () => ({ id: userId.value ?? '' }),
    () => ({ enabled: !!userId.value && mayAsk.value }),
  );
  return { userId, user: computed(() => (userId.value ? (result.value?.user ?? null) : null)) };
}
