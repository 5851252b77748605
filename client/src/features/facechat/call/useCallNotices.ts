/**
 * "X joined", "X left", "X is reconnecting", "X is back": LiveKit's participant events, kept as the call's notices
 * (announced in an aria-live region over the call) and as client-side system lines of the chat panel. Names come from
 * the call's parties when the participant is one of them (a participant may rename itself in LiveKit), else LiveKit's.
 *
 * A remote participant whose network drops shows as connection quality LOST (the server gets none of their packets);
 * they are back when it rises again, or when they rejoin under the same identity (LiveKit's full reconnect: the old
 * session leaves as DUPLICATE_IDENTITY, which is not "left").
 */
import { ConnectionQuality, DisconnectReason, RoomEvent, type Participant, type Room } from 'livekit-client';
import { onScopeDispose, shallowRef, watch, type Ref } from 'vue';
import type { CallFieldsFragment } from '../../../gql/graphql';
import { i18n } from '../../../i18n';

export type NoticeKind = 'joined' | 'left' | 'reconnecting' | 'back';

export interface CallNotice {
  id: string;
  kind: NoticeKind;
  name: string;
  /** When it happened (ms since epoch), to place it among the chat's messages. */
  at: number;
  text: string;
}

/** The API's global id of a LiveKit identity (the raw user uuid): base64url of `User:<uuid>`. */
function userGlobalId(identity: string): string {
  return btoa(`User:${identity}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const MAX_NOTICES = 50;
/** As the API's CALL_REJOIN_GRACE_MS default: how long a dropped participant may take to come back. */
const REJOIN_GRACE_MS = 20_000;

export function useCallNotices(room: Room, call: () => CallFieldsFragment | null, participants: Ref<readonly Participant[]>) {
  const notices = shallowRef<readonly CallNotice[]>([]);
  /** Who was last said to be reconnecting (said once until they are back). */
  const reconnecting = new Set<string>();
  /** Their session went while reconnecting: "left" once the grace is over without them. */
  const leaving = new Map<string, ReturnType<typeof setTimeout>>();
  let seq = 0;

  function nameOf(participant: Participant): string {
    const current = call();
    const id = userGlobalId(participant.identity);
    const party = current ? [current.caller, ...current.callees].find((u) => u.id === id || u.id === participant.identity) : undefined;
    return party?.displayName ?? (participant.name || participant.identity);
  }

  function add(kind: NoticeKind, participant: Participant): void {
    const name = nameOf(participant);
    const notice = { id: `notice-${++seq}`, kind, name, at: Date.now(), text: i18n.global.t(`activeCall.notice.${kind}`, { name }) };
    notices.value = [...notices.value, notice].slice(-MAX_NOTICES);
  }

  /** Says "X is back" when they were said to be reconnecting. */
  const backIfReconnecting = (p: Participant): boolean => {
    clearTimeout(leaving.get(p.identity));
    leaving.delete(p.identity);
    if (!reconnecting.delete(p.identity)) return false;
    add('back', p);
    return true;
  };
  // Arrivals are read off the participant list the tiles show (the same source: a tile never comes without its
  // notice, whichever LiveKit event brought the participant).
  // By identity, the session (sid) last seen: a new session of someone reconnecting is their return.
  let present = new Map<string, string>();
  watch(participants, (list) => {
    const remote = list.filter((p) => !p.isLocal);
    for (const p of remote) {
      const before = present.get(p.identity);
      if (before === p.sid || backIfReconnecting(p) || before !== undefined) continue;
      // Someone in the room before us is no news (a callee connected early sees the others only once it answers).
      const ours = room.localParticipant.joinedAt;
      if (!(ours && p.joinedAt && p.joinedAt < ours)) add('joined', p);
    }
    present = new Map(remote.map((p) => [p.identity, p.sid]));
  });
  // A return can also come as a new session without the list changing shape (the old one gone within the same tick).
  const onConnected = (p: Participant) => void backIfReconnecting(p);
  const onDisconnected = (p: Participant, reason?: DisconnectReason) => {
    // Their own new session replaced this one: they are rejoining, not leaving.
    if (reason === DisconnectReason.DUPLICATE_IDENTITY) {
      if (!reconnecting.has(p.identity)) {
        reconnecting.add(p.identity);
        add('reconnecting', p);
      }
      return;
    }
    // Gone while said to be reconnecting: LiveKit let the dead session go, and their new one may still come (a full
    // reconnect is a new session under the same identity). "Left" waits as long as the API waits before counting who
    // is left (CALL_REJOIN_GRACE_MS).
    if (reconnecting.has(p.identity)) {
      clearTimeout(leaving.get(p.identity));
      leaving.set(
        p.identity,
        setTimeout(() => {
          leaving.delete(p.identity);
          if (reconnecting.delete(p.identity)) add('left', p);
        }, REJOIN_GRACE_MS),
      );
      return;
    }
    add('left', p);
  };
  const onQuality = (quality: ConnectionQuality, p: Participant) => {
    if (p.isLocal) return;
    if (quality === ConnectionQuality.Lost && !reconnecting.has(p.identity)) {
      reconnecting.add(p.identity);
      add('reconnecting', p);
    } else if (quality !== ConnectionQuality.Lost && quality !== ConnectionQuality.Unknown) backIfReconnecting(p);
  };
  room.on(RoomEvent.ParticipantDisconnected, onDisconnected).on(RoomEvent.ConnectionQualityChanged, onQuality);
  onScopeDispose(() => {
    leaving.forEach((timer) => clearTimeout(timer));
    room.off(RoomEvent.ParticipantConnected, onConnected);
    room.off(RoomEvent.ParticipantDisconnected, onDisconnected);
    room.off(RoomEvent.ConnectionQualityChanged, onQuality);
  });

  return { notices };
}
