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

/** How far along a call is: its status only moves forward (ringing, then on, then finished). */
const progress = (status: CallStatus) => (status === 'RINGING' ? 0 : status === 'ACCEPTED' ? 1 : 2);

export function useCallStatus(callId: () => string | null) {
  const enabled = () => !!callId();
  const { result, loading, error, refetch } = useQuery(
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
    if (!live || live.id !== callId()) return cached;
    // The latest event, unless the call as asked anew is further along: an event lost while the socket was down (the
    // queries are asked again then), or asked for by `refresh`.
    return cached && progress(cached.status) > progress(live.status) ? cached : live;
  });
  const status = computed(() => call.value?.status ?? null);

  /** Asks the API again (LiveKit closed the call's room: the call's end may be on its way, or lost with a socket). */
  function refresh(): void {
    if (enabled()) void refetch()?.catch(() => undefined);
  }

  return { call, status, loading, error, refresh };
}
