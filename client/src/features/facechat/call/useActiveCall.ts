/**
 * The tab's one active call, outliving the call page: what the page used to build (emotion effects, the LiveKit
 * room, the session, chat, toasts, notices, screenshots) lives here in an effect scope of its own, so browsing the
 * feed keeps the call (FacechatCallMiniBar shows it) and coming back to /call/:roomId re-attaches the same tracks.
 * Started by the call page (`open`), ended by hanging up / leaving / the call's outcome; dropped (`release`) once
 * over and its page is gone. Closing the tab asks first (beforeunload); signing out hangs up.
 */
import { provideApolloClient, useApolloClient } from '@vue/apollo-composable';
import { LocalVideoTrack, Track } from 'livekit-client';
import { defineStore } from 'pinia';
import { computed, effectScope, ref, shallowRef, watch, type EffectScope } from 'vue';
import type { ChatMessageFieldsFragment, RoomAccessFieldsFragment } from '../../../gql/graphql';
import { i18n } from '../../../i18n';
import { useAuthStore } from '../../auth/useAuthStore';
import { otherParties } from '../../calls/useCallStatus';
import { uploadMedia } from '../../media/uploadMedia';
import { useEmotionBackground } from '../processor/useEmotionBackground';
import { captureCallScreenshot } from './screenshot';
import { useCallChat } from './useCallChat';
import { useCallNotices } from './useCallNotices';
import { useCallRoom } from './useCallRoom';
import { useCallSession } from './useCallSession';
import { useCallToasts } from './useCallToasts';

const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named);

/** Everything one call is made of; runs inside the store's per-call effect scope. */
function buildCall(roomId: string, callId: string | null, auth: ReturnType<typeof useAuthStore>) {
  // Emotion backgrounds (facechat/processor): the camera goes out through the processor — from the
  // start when an effect is chosen, from the moment one is chosen otherwise ('off' sends the camera as is).
  const effects = useEmotionBackground();
  const callRoom = useCallRoom({ prepareCamera: async (track) => (effects.mode.value === 'off' ? undefined : effects.attach(track)) });
  watch(effects.mode, (mode) => {
    const camera = callRoom.room.localParticipant.getTrackPublication(Track.Source.Camera)?.track;
    if (mode !== 'off' && camera instanceof LocalVideoTrack) void effects.attach(camera).catch(() => {});
  });
  const session = useCallSession(
    () => roomId,
    () => callId,
    callRoom,
  );
  const toasts = useCallToasts();
  const startedAt = ref<number | null>(null);
  watch(session.stage, (stage) => {
    if (stage === 'live' && startedAt.value === null) startedAt.value = Date.now();
  });

  // Answering on the early connection: the stage shows as soon as LiveKit reports the promotion (media already flows),
  // not once acceptCall's answer arrives.
  const live = computed(() => session.stage.value === 'live' || (session.stage.value === 'answering' && callRoom.promotedEarly.value));
  // What the page lays out: the call screen from the Accept click on the early connection (its tiles and self-view are
  // there when the media comes, and rendering them overlaps acceptCall's round trip instead of delaying the handling of
  // the promotion), the joining page otherwise.
  const staged = computed(() => {
    const stage = session.stage.value;
    return live.value || stage === 'answering' || (stage === 'joining' && callRoom.promotedEarly.value);
  });
  const ringing = computed(() => live.value && session.status.value === 'RINGING' && session.call.value?.caller.id === auth.user?.id);
  const localEmotion = computed(() => (effects.mode.value === 'emotion' ? effects.emotion.value : null));
  /** The other people of a call (empty for rooms): names for the title, the mini bar, "Call again". */
  const others = computed(() => (session.call.value ? otherParties(session.call.value, auth.user?.id) : []));

  // Chat, and the toast when someone else takes a screenshot.
  const chat = useCallChat(() => roomId, {
    enabled: () => session.stage.value === 'live' || session.stage.value === 'over',
    onLive: (message: ChatMessageFieldsFragment) => {
      if (message.kind === 'SCREENSHOT' && message.author.id !== auth.user?.id) {
        toasts.show({ tone: 'info', text: t('facechatCall.screenshot.took', { name: message.author.displayName }) });
      }
    },
  });
  const notices = useCallNotices(callRoom.room, () => session.call.value, callRoom.participants);

  // Screenshot: every camera at full resolution with who is where (screenshot.ts), a flash, upload to the album, and a
  // toast offering to post it (the call goes on in the mini bar meanwhile).
  const capturing = ref(false);
  const flash = ref(false);
  async function takeScreenshot(view: HTMLElement | null | undefined): Promise<void> {
    if (!view || capturing.value) return;
    capturing.value = true;
    try {
      const shot = await captureCallScreenshot(view, callRoom.participants.value);
      flash.value = true;
      setTimeout(() => (flash.value = false), 500);
      const media = await uploadMedia(shot.file, auth, { kind: 'SCREENSHOT', roomId, screenshotPeople: shot.people });
      toasts.show({
        tone: 'success',
        text: t('facechatCall.screenshot.saved'),
        link: { to: `/new?media=${encodeURIComponent(media.id)}`, label: t('facechatCall.screenshot.postIt') },
      });
    } catch {
      toasts.show({ tone: 'error', text: t('facechatCall.screenshot.failed') });
    } finally {
      capturing.value = false;
    }
  }

  return {
    roomId,
    callId,
    effects,
    callRoom,
    session,
    chat,
    toasts,
    notices,
    live,
    staged,
    ringing,
    localEmotion,
    others,
    startedAt,
    capturing,
    flash,
    takeScreenshot,
  };
}

export type ActiveCall = ReturnType<typeof buildCall>;

export const useActiveCall = defineStore('activeCall', () => {
  const { resolveClient } = useApolloClient();
  const auth = useAuthStore();
  const current = shallowRef<ActiveCall | null>(null);
  let scope: EffectScope | null = null;

  /** Joining or on: the call holds the camera and the connection. */
  const active = computed(() => {
    const stage = current.value?.session.stage.value;
    return stage === 'answering' || stage === 'joining' || stage === 'live';
  });

  function discard(): void {
    scope?.stop(); // disconnects the room, stops the effects, the chat's queries
    scope = null;
    current.value = null;
  }

  /**
   * The call of `roomId` (`callId` for calls): the kept one when it is that call (on, or over and not yet released:
   * its outcome), else a new one — a call still on elsewhere is left first.
   */
  function open(roomId: string, callId: string | null): ActiveCall {
    const running = current.value;
    const ringing = running?.session.stage.value === 'ringing'; // connected early, not answered: not the call yet
    if (running && !ringing && running.roomId === roomId && running.callId === callId) return running;
    const built = build(roomId, callId);
    void built.session.start();
    return built;
  }

  function build(roomId: string, callId: string | null): ActiveCall {
    if (current.value && active.value) void current.value.session.leave();
    discard();
    const callScope = effectScope(true);
    const built = provideApolloClient(resolveClient())(() => callScope.run(() => buildCall(roomId, callId, auth)))!;
    scope = callScope;
    current.value = built;
    return built;
  }

  /**
   * Instant connect: a call ringing for the viewer connects early with `access` (hidden, nothing sent or received;
   * the camera opens for the ringing screen's preview and its effect warms up). Only when no other call holds the
   * camera. `answer` turns it into the call; `dropRinging` lets it go (declined, missed, canceled).
   */
  function prepareRinging(roomId: string, callId: string, access: RoomAccessFieldsFragment): void {
    if (current.value) return;
    void build(roomId, callId).session.prepare(access);
  }

  /** The early call of `callId`, while it is ringing or being answered. */
  function early(callId: string): ActiveCall | null {
    const running = current.value;
    const stage = running?.session.stage.value;
    return running?.callId === callId && (stage === 'ringing' || stage === 'answering') ? running : null;
  }

  /** Accept was pressed: true when the early call of `callId` becomes the call (the page can open on it at once). */
  function beginAnswer(callId: string): boolean {
    return !!early(callId)?.session.beginAnswer();
  }

  /**
   * Accepted with `access` (`promoted`: the API switched the early connection on): true when the early call of `callId`
   * carries on as the call — promoted, or connecting anew with `access` — and the page keeps it.
   */
  function answer(callId: string, access: RoomAccessFieldsFragment, promoted: boolean): boolean {
    const running = early(callId);
    if (!running) return false;
    void running.session.answer(access, promoted);
    return true;
  }

  /** acceptCall refused (or never answered) after the page opened on the early call: the page says why. */
  function answerRefused(callId: string, code: string): void {
    early(callId)?.session.refused(code);
  }

  /** The early connection of `callId` goes (ringing still, or over before it was answered). */
  function dropRinging(callId: string): void {
    if (current.value?.callId === callId && !active.value && current.value.startedAt.value === null) discard();
  }

  /** The page of an ended call is gone: nothing is kept of it. A call still on stays. */
  function release(roomId: string): void {
    if (current.value?.roomId === roomId && !active.value) discard();
  }

  /** Hangs up (a call) or leaves (a room); the outcome stays for the page to show. */
  async function leave(): Promise<void> {
    await current.value?.session.leave();
  }

  // Closing or reloading the tab would drop the call: the browser asks first.
  window.addEventListener('beforeunload', (event) => {
    if (!active.value) return;
    event.preventDefault();
    event.returnValue = '';
  });

  // The tab really goes (LiveKit itself does not disconnect on page leave, see useCallRoom): hang up on the way out.
  window.addEventListener('pagehide', () => {
    if (active.value) void leave();
  });

  // Signing out hangs up first, while the session still holds a token (endCall needs it); a sign-out elsewhere drops
  // the call.
  auth.onBeforeSignOut(async () => {
    if (active.value) await leave();
  });
  watch(
    () => auth.user?.id,
    (id, before) => {
      if (before && id !== before) {
        if (active.value) void leave();
        discard();
      }
    },
  );

  return { current, active, open, prepareRinging, beginAnswer, answer, answerRefused, dropRinging, release, leave, discard };
});
