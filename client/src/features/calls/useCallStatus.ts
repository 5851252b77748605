/**
 * One call's state, live: the call as the API has it (`node(id)`), kept current by
 * `callUpdated(callId)` (Apollo updates the cached Call by id, so every view of it follows).
 */
import { useQuery, useSubscription } from '@vue/apollo-composable';
import { computed } from 'vue';
import { CallByIdDocument, CallUpdatedDocument, type CallFieldsFragment, type CallStatus } from '../../gql/graphql';

const FINISHED_STATUSES: readonly CallStatus[] = ['DECLINED', 'MISSED', 'CANCELED', 'ENDED'];

export function isFinished(status: CallStatus | null | undefined): boolean {
  return !!status && FINISHED_STATUSES.includes(status);
}

/** The people of a call other than the viewer. */
export function otherParties(call: Pick<CallFieldsFragment, 'caller' | 'callees'>, viewerId: string | undefined) {
  return [call.caller, ...call.callees].filter((u) => u.id !== viewerId);
}

export function useCallStatus(callId: () => string | null) {
  const enabled = () => !!callId();
  const { result, loading, error } = useQuery(
    CallByIdDocument,
    () => ({ id: callId() ?? '' }),
    () => ({ enabled: enabled(), fetchPolicy: 'cache-and-network' }),
  );
  const updates = useSubscription(
    CallUpdatedDocument,
    () => ({ callId: callId() }),
    () => ({ enabled: enabled() }),
  );

  const call = computed<CallFieldsFragment | null>(() => {
    const live = updates.result.value?.callUpdated;
    const node = result.value?.node;
    const cached = node && node.__typename === 'Call' ? (node as CallFieldsFragment) : null;
    return live && live.id === callId() ? live : cached;
  });
  const status = computed(() => call.value?.status ?? null);

  return { call, status, loading, error };
}
