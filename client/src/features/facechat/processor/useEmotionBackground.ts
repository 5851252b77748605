/**
 * Vue glue for the call page.
 *
 * useEmotionBackground(): the user's effect choice (persisted), one processor for
 * the local camera, and reactive emotion / fallback state for the local badge.
 *
 *   const effects = useEmotionBackground();          // starts loading the models
 *   await effects.attach(cameraTrack);                // before or after publishing
 *   <FacechatEffectPicker v-model:mode="effects.mode.value" :fallback="effects.fallback.value" />
 *
 * useParticipantEmotion(participant): the emotion a participant publishes, for
 * the badge on every tile (local and remote).
 */
import { ParticipantEvent, type LocalVideoTrack, type Participant } from 'livekit-client';
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import type { Emotion } from '../emotion/classify';
import { readEmotionAttribute } from './attribute';
import {
  type ActiveFallback,
  type EffectMode,
  type EmotionBackgroundProcessor,
  createEmotionBackgroundProcessor,
} from './EmotionBackgroundProcessor';
import { loadEffectMode, saveEffectMode } from './settings';

export function useEmotionBackground(options: { assetsBase?: string } = {}) {
  const mode = ref<EffectMode>(loadEffectMode());
  const emotion = ref<Emotion>('neutral');
  const confidence = ref(0);
  const faceFound = ref(false);
  const fallback = ref<ActiveFallback>(null);
  const processor = shallowRef<EmotionBackgroundProcessor | null>(null);

  function create(): EmotionBackgroundProcessor {
    return createEmotionBackgroundProcessor({
      mode: mode.value,
      assetsBase: options.assetsBase,
      onEmotion: (change) => {
        emotion.value = change.emotion;
        confidence.value = change.confidence;
        faceFound.value = change.faceFound;
      },
      onFallback: (value) => (fallback.value = value),
    });
  }
  // Created now, so the models load while the page sets up the camera and the room.
  processor.value = create();

  /**
   * Puts the processor on the camera track (LiveKit publishes the processed video).
   * A processor LiveKit destroyed with an old track starts again on the new one.
   */
  async function attach(track: LocalVideoTrack): Promise<void> {
    processor.value ??= create();
    // Setting the same processor again would make LiveKit destroy it right after init.
    if (track.getProcessor() === processor.value) return;
    await track.setProcessor(processor.value);
  }

  async function detach(track: LocalVideoTrack): Promise<void> {
    if (track.getProcessor() === processor.value) await track.stopProcessor();
  }

  watch(mode, (value) => {
    saveEffectMode(value);
    processor.value?.setMode(value);
  });

  onScopeDispose(() => {
    void processor.value?.destroy();
    processor.value = null;
  });

  return { mode, emotion, confidence, faceFound, fallback, processor, attach, detach };
}

/** The emotion `participant` publishes (null: none, e.g. effects off), kept up to date. */
export function useParticipantEmotion(participant: Ref<Participant | null | undefined>): Ref<Emotion | null> {
  const emotion = ref<Emotion | null>(null);
  watch(
    participant,
    (current, _previous, onCleanup) => {
      if (!current) {
        emotion.value = null;
        return;
      }
      const update = () => (emotion.value = readEmotionAttribute(current));
      update();
      current.on(ParticipantEvent.AttributesChanged, update);
      onCleanup(() => current.off(ParticipantEvent.AttributesChanged, update));
    },
    { immediate: true },
  );
  return emotion;
}
