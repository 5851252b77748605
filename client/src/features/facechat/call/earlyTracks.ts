/**
 * Instant connect, the ringing callee's side of the media: while it rings, the held camera and microphone (open already
 * for the preview) are published with subscription allowed to nobody — LiveKit enforces the publisher's track
 * permissions, and a hidden participant's tracks are announced to nobody. Once LiveKit reports the promotion (the API
 * accepted the call) they are opened to everyone in it at once, not after acceptCall answers: the publish negotiation
 * is off both sides' wait for the first frame.
 */
import { ConnectionState, RoomEvent, Track, type LocalTrack, type Room } from 'livekit-client';
import { ref } from 'vue';

/** Performance marks of the setup steps (`call:…`), for the call-setup benchmark and devtools. */
export const mark = (name: string) => performance.mark(`call:${name}`);

export function useEarlyTracks(room: Room) {
  /** Tracks published while it rang. */
  let published: Promise<LocalTrack[]> = Promise.resolve([]);
  /** Promoted and opened to the call. */
  let opened = false;
  /** The same, for the page: the call shows from this moment on. */
  const promotedEarly = ref(false);

  /** The API has promoted the early connection: visible, and receiving the others. */
  function promoted(): boolean {
    const granted = room.localParticipant.permissions;
    return !!granted?.canSubscribe && !granted.hidden && room.state === ConnectionState.Connected;
  }

  function openWhenPromoted(): void {
    if (!promoted() || opened) return;
    opened = true;
    promotedEarly.value = true;
    room.off(RoomEvent.ParticipantPermissionsChanged, openWhenPromoted);
    mark('opened');
    void room.localParticipant.setTrackSubscriptionPermissions(true);
  }

  /** Counts connections: a publish still waiting for the camera belongs to the connection it started on. */
  let connection = 0;

  async function publishHidden(tracks: Promise<LocalTrack[]>): Promise<LocalTrack[]> {
    const startedOn = connection;
    const held = await tracks.catch(() => []);
    // Dropped meanwhile, or a new connection made (answered anew): that one publishes the tracks itself, openly.
    if (!held.length || startedOn !== connection || room.state !== ConnectionState.Connected) return [];
    // Hidden from everyone, unless promoted while the camera was still opening.
    if (!opened) {
      await room.localParticipant.setTrackSubscriptionPermissions(false);
      // Promoted while that was being sent: open again what it closed.
      if (opened) await room.localParticipant.setTrackSubscriptionPermissions(true);
    }
    const done = await Promise.all(
      held.map((track) =>
        room.localParticipant
          .publishTrack(track, track.kind === Track.Kind.Video ? { simulcast: true } : {})
          .then(() => (mark(`prepublished-${track.kind}`), track))
          .catch((error) => (console.warn('[call] could not publish early', track.kind, error), null)),
      ),
    );
    return done.filter((track): track is LocalTrack => track !== null);
  }

  return {
    promotedEarly,
    promoted,
    /** Forgets a previous connection's early tracks (a new connection begins). */
    reset(): void {
      connection += 1;
      // The local participant outlives connections: a new one starts open (only stored while disconnected).
      if (room.state === ConnectionState.Disconnected) room.localParticipant.setTrackSubscriptionPermissions(true);
      published = Promise.resolve([]);
      opened = false;
      promotedEarly.value = false;
      room.off(RoomEvent.ParticipantPermissionsChanged, openWhenPromoted);
    },
    /** Connected while it rings: publishes `tracks` to nobody and opens them on promotion. */
    start(tracks: Promise<LocalTrack[]>): void {
      published = publishHidden(tracks);
      room.on(RoomEvent.ParticipantPermissionsChanged, openWhenPromoted);
    },
    /** Opens the early tracks now, if promoted and not done yet (acceptCall answered first). */
    open: openWhenPromoted,
    /** The tracks already published while it rang. */
    published: () => published,
  };
}
