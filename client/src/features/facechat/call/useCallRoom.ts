/**
 * One LiveKit room for the call page: connects with the access the API gave, publishes the camera
 * (through the emotion processor, when given) and the microphone, and keeps the participant list,
 * the connection phase and the local mic/camera state reactive.
 *
 * LiveKit objects stay raw (never Vue proxies); tiles listen to their own participant's events.
 */
import {
  ConnectionState,
  DisconnectReason,
  LocalVideoTrack,
  LogLevel,
  Room,
  RoomEvent,
  setLogLevel,
  Track,
  VideoPresets,
  type Participant,
  type RoomOptions,
} from 'livekit-client';
import { markRaw, onScopeDispose, ref, shallowRef } from 'vue';
import { quietAnalysis } from '../processor/analysisQuiet';
import { mark, useEarlyTracks } from './earlyTracks';
import { CAPTURE, captureTracks, mediaAllowed, problemOf, type Captured, type MediaProblem } from './callCapture';

export type CallPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

const LOWER_LAYERS = [VideoPresets.h180, VideoPresets.h360];

function callRoomOptions(): RoomOptions {
  return {
    // Subscribed video follows the size and visibility of the element it is attached to…
    adaptiveStream: true,
    // …and publishers stop sending layers nobody watches.
    dynacast: true,
    // Leaving the page asks first (useActiveCall's beforeunload): LiveKit must not drop the call before the answer.
    disconnectOnPageLeave: false,
    publishDefaults: { simulcast: true, videoSimulcastLayers: LOWER_LAYERS, stopMicTrackOnMute: false },
    videoCaptureDefaults: { resolution: CAPTURE.resolution },
    audioCaptureDefaults: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  };
}

export interface CallRoomOptions {
  /** Runs on the camera track before it is published (the emotion background processor). */
  prepareCamera?: (track: LocalVideoTrack) => Promise<void>;
}

/** LiveKit's own debug log, for a failing browser test or a support session (`localStorage['pp-enter.call.debug']`). */
function debugLogging(): void {
  try {
    if (localStorage.getItem('pp-enter.call.debug')) setLogLevel(LogLevel.debug);
  } catch {
    /* no storage: the default level */
  }
}

export function useCallRoom(options: CallRoomOptions = {}) {
  debugLogging();
  const room = markRaw(new Room(callRoomOptions()));
  const phase = ref<CallPhase>('idle');
  const participants = shallowRef<Participant[]>([]);
  const disconnectReason = ref<DisconnectReason | null>(null);
  const micEnabled = ref(false);
  const cameraEnabled = ref(false);
  const mediaProblem = ref<MediaProblem>(null);
  const audioBlocked = ref(false);
  const toggling = ref<'mic' | 'camera' | null>(null);
  const published = shallowRef<Promise<void>>(Promise.resolve());
  /** Camera and microphone are published (or failed): the toggles work from then on. */
  const mediaReady = ref(false);
  /** Our camera, once captured (before it is published, too: the ringing screen's self-preview). */
  const preview = shallowRef<LocalVideoTrack | null>(null);

  const refresh = () => {
    participants.value = [room.localParticipant, ...room.remoteParticipants.values()];
  };
  const syncLocal = () => {
    micEnabled.value = room.localParticipant.isMicrophoneEnabled;
    cameraEnabled.value = room.localParticipant.isCameraEnabled;
  };

  room
    .on(RoomEvent.ParticipantConnected, () => {
      refresh();
      // Someone joined (a callee answered): our effect's analysis waits while their media is set up here.
      quietAnalysis();
    })
    .on(RoomEvent.TrackSubscribed, (track) => mark(`subscribed-${track.kind}`))
    .on(RoomEvent.ParticipantDisconnected, refresh)
    .on(RoomEvent.Reconnecting, () => (phase.value = 'reconnecting'))
    .on(RoomEvent.SignalReconnecting, () => (phase.value = 'reconnecting'))
    .on(RoomEvent.Reconnected, () => (phase.value = 'connected'))
    .on(RoomEvent.ConnectionStateChanged, (state) => {
      if (state === ConnectionState.Connected && phase.value === 'reconnecting') phase.value = 'connected';
    })
    .on(RoomEvent.Disconnected, (reason) => {
      disconnectReason.value = reason ?? DisconnectReason.UNKNOWN_REASON;
      phase.value = 'disconnected';
      refresh();
    })
    .on(RoomEvent.AudioPlaybackStatusChanged, () => (audioBlocked.value = !room.canPlaybackAudio))
    .on(RoomEvent.LocalTrackPublished, syncLocal)
    .on(RoomEvent.LocalTrackUnpublished, syncLocal)
    .on(RoomEvent.TrackMuted, syncLocal)
    .on(RoomEvent.TrackUnmuted, syncLocal);

  /** Captured tracks, the camera's effect applied: ready to publish. */
  let ready: Promise<Captured> | null = null;
  /** A ringing callee's tracks, published to nobody until the promotion (`earlyTracks.ts`). */
  const early = useEarlyTracks(room);

  /**
   * Connects; resolves once connected. Camera and microphone are captured (and the camera's effect
   * started) while the connection is being made and published right after, in the background
   * (`published` says when) — or, with `hold` (a ringing callee connected early: they may not publish
   * yet), kept for `publishWhenAllowed`; `preview` shows the camera meanwhile. `othersLater`: the others' media comes
   * after we are connected (the caller's callees still ring; `hold` implies it).
   */
  async function connect(url: string, token: string, { hold = false, othersLater = false } = {}): Promise<void> {
    // Media to come later is received on a peer connection of its own: when a callee is promoted, LiveKit offers their
    // tracks on it at once, instead of asking this side for a new offer on the connection that carries our simulcast
    // camera (one connection, LiveKit's default, is quicker to set up when the media is there already). Same-run A/B
    // runs of `bench:call --effect emotion`: the callee's first frame came 100–130 ms sooner.
    room.options.singlePeerConnection = !(hold || othersLater);
    phase.value = 'connecting';
    disconnectReason.value = null;
    mediaReady.value = false;
    early.reset(hold);
    mark('connect');
    // Held: the camera opens early (the preview, the effect warmed up) only where it would open without asking; a
    // permission prompt waits for Accept.
    ready = !hold || (await mediaAllowed()) ? captureReady() : null;
    try {
      // Ringing: nothing of the others is received before Accept (`earlyTracks.ts` subscribes then).
      await room.connect(url, token, { autoSubscribe: !hold });
      mark('connected');
    } catch (error) {
      void dropHeld();
      phase.value = 'disconnected';
      throw error;
    }
    phase.value = 'connected';
    refresh();
    if (!hold) published.value = publish();
    else if (ready) early.start(ready.then((captured) => captured.tracks));
  }

  const captureReady = () =>
    captureTracks()
      .finally(() => mark('captured'))
      .then(prepareTracks);

  async function prepareTracks(captured: Captured): Promise<Captured> {
    const camera = captured.tracks.find((t): t is LocalVideoTrack => t instanceof LocalVideoTrack);
    if (camera && options.prepareCamera) {
      // A processor that fails must not keep the camera off: the plain camera goes out then.
      await options.prepareCamera(camera).catch((error) => console.warn('[call] camera effect failed:', error));
      mark('camera-prepared');
    }
    preview.value = camera ?? null;
    return captured;
  }

  /** Held tracks are stopped (the early connection is dropped: declined, missed, failed). */
  async function dropHeld(): Promise<void> {
    const held = ready;
    ready = null;
    preview.value = null;
    (await held?.catch(() => null))?.tracks.forEach((t) => t.stop());
  }

  /**
   * Accepted: publishes the held tracks once the API has let this participant publish (it promotes the
   * early connection before acceptCall answers; the permission update follows over LiveKit's signal).
   * False when that does not come within `waitMs`: the caller connects anew with a full token.
   */
  async function publishWhenAllowed(waitMs: number): Promise<boolean> {
    if (!(await permitted(waitMs))) return false;
    mark('permitted');
    early.open();
    published.value = publish();
    return true;
  }

  function permitted(waitMs: number): Promise<boolean> {
    const allowed = early.promoted;
    if (allowed()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const settle = (value: boolean) => {
        clearTimeout(timer);
        room.off(RoomEvent.ParticipantPermissionsChanged, onChange);
        resolve(value);
      };
      const onChange = () => allowed() && settle(true);
      const timer = setTimeout(() => settle(false), waitMs);
      room.on(RoomEvent.ParticipantPermissionsChanged, onChange);
    });
  }

  async function publish(): Promise<void> {
    const held = ready;
    ready = null;
    const { tracks, problem } = await (held ?? captureReady());
    const publishedEarly = await early.published();
    mediaProblem.value = problem;
    if (room.state !== ConnectionState.Connected && room.state !== ConnectionState.Reconnecting) {
      tracks.forEach((t) => t.stop());
      return;
    }
    await Promise.all(
      tracks
        .filter((track) => !publishedEarly.includes(track))
        .map(async (track) => {
          try {
            await room.localParticipant.publishTrack(track, track.kind === Track.Kind.Video ? { simulcast: true } : {});
            mark(`published-${track.kind}`);
          } catch (error) {
            console.warn('[call] could not publish', track.kind, error);
            track.stop();
          }
        }),
    );
    syncLocal();
    mediaReady.value = true;
    audioBlocked.value = !room.canPlaybackAudio;
  }

  /** One toggle at a time, once the media is set up; a device error is shown, the state re-read. */
  async function toggle(kind: 'mic' | 'camera', change: () => Promise<unknown>): Promise<void> {
    if (toggling.value || !mediaReady.value) return;
    toggling.value = kind;
    try {
      await change();
    } catch (error) {
      mediaProblem.value = problemOf(error);
    } finally {
      toggling.value = null;
      syncLocal();
    }
  }

  const toggleMic = () => toggle('mic', () => room.localParticipant.setMicrophoneEnabled(!room.localParticipant.isMicrophoneEnabled));

  const toggleCamera = () =>
    toggle('camera', async () => {
      const enable = !room.localParticipant.isCameraEnabled;
      const track = (await room.localParticipant.setCameraEnabled(enable))?.track;
      // A camera published for the first time here (it failed at the start) gets the effect too.
      if (enable && track instanceof LocalVideoTrack && !track.getProcessor() && options.prepareCamera) {
        await options.prepareCamera(track).catch(() => {});
      }
    });

  async function startAudio(): Promise<void> {
    await room.startAudio().catch(() => {});
    audioBlocked.value = !room.canPlaybackAudio;
  }

  async function disconnect(): Promise<void> {
    void dropHeld();
    if (room.state !== ConnectionState.Disconnected) await room.disconnect();
  }

  onScopeDispose(() => {
    void disconnect();
    room.removeAllListeners();
  });

  return {
    room,
    phase,
    participants,
    disconnectReason,
    micEnabled,
    cameraEnabled,
    mediaProblem,
    audioBlocked,
    toggling,
    published,
    mediaReady,
    preview,
    promotedEarly: early.promotedEarly,
    connect,
    /** Accept pressed on a ringing connection: the others' media is received from now on. */
    receive: early.receive,
    publishWhenAllowed,
    toggleMic,
    toggleCamera,
    startAudio,
    disconnect,
  };
}

export type CallRoom = ReturnType<typeof useCallRoom>;
