/**
 * The life of the call page: get room access (handed over by startCall/acceptCall, else a fresh
 * `joinRoom`, with the invite code of the link that opened the page), connect, follow the call's status (calls only), and leave — `endCall` for a call,
 * `leaveRoom` for a room. Leaving the page is not leaving: the call lives on in useActiveCall.
 */
import { useMutation } from '@vue/apollo-composable';
import { DisconnectReason } from 'livekit-client';
import { computed, ref, watch } from 'vue';
import { EndCallDocument, JoinRoomDocument, LeaveRoomDocument, type CallStatus, type RoomAccessFieldsFragment } from '../../../gql/graphql';
import { isFinished, useCallStatus } from '../../calls/useCallStatus';
import { inviteFor, takeAccess } from './callAccess';
import type { CallRoom } from './useCallRoom';

/**
 * 'ringing': a callee's early connection while the call rings (instant connect), not answered yet; 'answering': Accept
 * was pressed, acceptCall not answered yet (the call page already shows it as joining).
 */
export type SessionStage = 'ringing' | 'answering' | 'joining' | 'failed' | 'live' | 'over';

/**
 * How long a promoted early connection waits for LiveKit's permission update before connecting anew (it is on its way
 * when acceptCall answers; this only bounds a lost update).
 */
const PROMOTION_WAIT_MS = 10_000;

/**
 * Leaving tells LiveKit first (the others see "X left" before the call's end reaches them), but waits for its
 * disconnect this long at most: a slow close (its socket, its peer connections) must not hold back the hang-up.
 */
const LEAVE_DISCONNECT_WAIT_MS = 1000;

/** Why the page is over: the viewer left, the call finished with a status, or LiveKit let go. */
export type Ending =
  { kind: 'left' } | { kind: 'call'; status: CallStatus } | { kind: 'disconnected'; reason: 'closed' | 'removed' | 'elsewhere' | 'lost' };

/** Why joining failed: an API code (NOT_FOUND, FORBIDDEN, FULL, UNAVAILABLE), or 'connect'. */
export interface JoinFailure {
  code: string;
  message: string;
}

export function useCallSession(roomId: () => string, callId: () => string | null, callRoom: CallRoom) {
  const stage = ref<SessionStage>('joining');
  const failure = ref<JoinFailure | null>(null);
  const ending = ref<Ending | null>(null);
  const leaving = ref(false);
  const { call, status, refresh: refreshCall } = useCallStatus(callId);
  const isCall = computed(() => !!callId());

  const joinRoom = useMutation(JoinRoomDocument);
  const leaveRoom = useMutation(LeaveRoomDocument);
  const endCall = useMutation(EndCallDocument);

  async function start(): Promise<void> {
    stage.value = 'joining';
    failure.value = null;
    ending.value = null;
    const handed = takeAccess(roomId());
    await connectWith(handed?.access ?? null, { othersLater: handed?.othersLater ?? false });
  }

  /**
   * Instant connect: while the call rings for the viewer, connect with the early access (hidden, sending and
   * receiving nothing until Accept; the camera opens for the preview). A failure is no problem: Accept then connects
   * as usual.
   */
  let early: Promise<void> = Promise.resolve();
  function prepare(access: RoomAccessFieldsFragment): Promise<void> {
    stage.value = 'ringing';
    early = callRoom.connect(access.url, access.token, { hold: true }).catch(() => {});
    return early;
  }

  /**
   * Accepted with `access`: the early connection starts sending and receiving once LiveKit lets it (`promoted`: the API
   * found and promoted it), else — not promoted (still connecting when accepted, or dropped) — a new one is made.
   */
  async function answer(access: RoomAccessFieldsFragment, promoted: boolean): Promise<void> {
    if (stage.value !== 'ringing' && stage.value !== 'answering') return;
    stage.value = 'joining';
    await early; // accepted while the early connection was still being made: it may be the promoted one
    if (promoted && callRoom.phase.value === 'connected' && (await callRoom.publishWhenAllowed(PROMOTION_WAIT_MS))) {
      if (stage.value === 'joining') stage.value = 'live';
      return;
    }
    await callRoom.disconnect();
    if (stage.value === 'joining') await connectWith(access);
  }

  /** Accept pressed on the early connection: true when there was one to answer with. */
  function beginAnswer(): boolean {
    if (stage.value !== 'ringing') return false;
    stage.value = 'answering';
    // The caller's media is received from now on, not once the API has answered (earlyTracks.ts).
    callRoom.receive();
    return true;
  }

  /** acceptCall refused the answer (`code`: the API's, or 'CONNECT' when it could not be asked). */
  function refused(code: string): void {
    if (stage.value !== 'answering') return;
    failure.value = { code, message: '' };
    stage.value = 'failed';
    void callRoom.disconnect();
  }

  async function connectWith(handedOver: RoomAccessFieldsFragment | null, { othersLater = false } = {}): Promise<void> {
    try {
      let access = handedOver;
      if (!access) {
        const answer = await joinRoom.mutate({ roomId: roomId(), invite: inviteFor(roomId()) });
        const payload = answer?.data?.joinRoom;
        const problem = payload?.userErrors[0];
        if (stage.value !== 'joining') return;
        if (!payload?.access) {
          failure.value = { code: problem?.code ?? 'UNEXPECTED', message: problem?.message ?? '' };
          stage.value = 'failed';
          return;
        }
        access = payload.access;
      }
      await callRoom.connect(access.url, access.token, { othersLater });
      if (stage.value === 'joining') stage.value = 'live';
      else void callRoom.disconnect(); // over while connecting
    } catch (error) {
      // The call may have finished meanwhile (declined, canceled): that says more than the failed connect.
      if (stage.value !== 'joining') return;
      failure.value = { code: 'CONNECT', message: error instanceof Error ? error.message : String(error) };
      stage.value = 'failed';
    }
  }

  /** Tells the API the viewer is gone (hangs up a call) and drops the media connection. */
  async function leave(): Promise<void> {
    if (leaving.value || stage.value === 'over') return;
    leaving.value = true;
    ending.value = { kind: 'left' };
    stage.value = 'over';
    const disconnected = callRoom.disconnect().catch(() => {});
    await Promise.race([disconnected, new Promise((resolve) => setTimeout(resolve, LEAVE_DISCONNECT_WAIT_MS))]);
    await (isCall.value ? endCall.mutate({ callId: callId()! }) : leaveRoom.mutate({ roomId: roomId() })).catch(() => {});
    leaving.value = false;
  }

  // The call finished elsewhere (hung up, canceled, declined, missed): the page is over.
  watch(status, (value) => {
    if (!isFinished(value)) return;
    // Over already: only a bare "disconnected" gives way to the call's own ending.
    if (stage.value === 'over' && ending.value?.kind !== 'disconnected') return;
    ending.value = { kind: 'call', status: value! };
    stage.value = 'over';
    void callRoom.disconnect();
  });

  // LiveKit let go without the viewer leaving: room closed, removed, another tab, or the network.
  watch(callRoom.phase, (phase) => {
    if (phase !== 'disconnected' || stage.value !== 'live') return;
    const reason = callRoom.disconnectReason.value;
    const kind =
      reason === DisconnectReason.ROOM_DELETED || reason === DisconnectReason.ROOM_CLOSED
        ? 'closed'
        : reason === DisconnectReason.PARTICIPANT_REMOVED
          ? 'removed'
          : reason === DisconnectReason.DUPLICATE_IDENTITY
            ? 'elsewhere'
            : 'lost';
    // A call's own status says more than "closed"; it follows over callUpdated, and is asked for too (LiveKit closes a
    // call's room once the call is over; its event may have been lost with the socket).
    const finished = isFinished(status.value);
    ending.value =
      isCall.value && kind === 'closed' && finished ? { kind: 'call', status: status.value! } : { kind: 'disconnected', reason: kind };
    stage.value = 'over';
    if (isCall.value && kind === 'closed' && !finished) refreshCall();
  });

  return { stage, failure, ending, leaving, call, status, isCall, start, prepare, beginAnswer, answer, refused, leave };
}
