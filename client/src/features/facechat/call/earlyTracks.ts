/**
 * Instant connect, the ringing callee's side of the media: while it rings, the held camera and microphone (open already
 * for the preview) are published with subscription allowed to nobody — LiveKit enforces the publisher's track
 * permissions, and a hidden participant's tracks are announced to nobody. Once LiveKit reports the promotion (the API
 * accepted the call) they are opened to everyone in it at once, not after acceptCall answers: the publish negotiation
 * is off both sides' wait for the first frame.
 *
 * The others' media: the early connection subscribes to nothing while it rings (LiveKit's auto-subscribe is off for
 * it), so nothing of the caller reaches this browser before Accept. Its token may subscribe, which makes LiveKit set up
 * the receiving peer connection while it rings; Accept subscribes at once (`receive`), before the API has answered:
 * the callee's first frame no longer waits for that connection to form after the promotion.
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

  /**
   * Who subscribes to the others' tracks: LiveKit (`auto`, any connection but a ringing one), nobody (`held`: it
   * rings), or this code (`accepted`: a held connection after Accept, for what is published from then on).
   */
  let subscribing: 'auto' | 'held' | 'accepted' = 'auto';
  const subscribeAll = () => {
    if (subscribing !== 'accepted') return;
    for (const participant of room.remoteParticipants.values())
      for (const publication of participant.trackPublications.values()) publication.setSubscribed(true);
  };
  room
    .on(RoomEvent.TrackPublished, (publication) => {
      if (subscribing === 'accepted') publication.setSubscribed(true);
    })
    // Accepted while connecting, or LiveKit joined anew (a full reconnect): the tracks it found are not announced.
    .on(RoomEvent.Connected, subscribeAll)
    .on(RoomEvent.Reconnected, subscribeAll);

  /** The API has promoted the early connection: visible, and sending data (a ringing token may not). */
  function promoted(): boolean {
    const granted = room.localParticipant.permissions;
    return !!granted?.canPublishData && !granted.hidden && room.state === ConnectionState.Connected;
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
    /** Forgets a previous connection's early tracks (a new connection begins; `held`: it rings). */
    reset(held: boolean): void {
      connection += 1;
      subscribing = held ? 'held' : 'auto';
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
    /** Accept pressed: a held connection subscribes to the others' media now, and to whatever they publish later. */
    receive(): void {
      if (subscribing !== 'held') return;
      subscribing = 'accepted';
      subscribeAll();
    },
    /** Opens the early tracks now, if promoted and not done yet (acceptCall answered first). */
    open: openWhenPromoted,
    /** The tracks already published while it rang. */
    published: () => published,
  };
}
