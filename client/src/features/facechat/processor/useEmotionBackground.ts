/**
 * Vue glue for the call page.
 *
 * useEmotionBackground(): the user's background choice (persisted: mode + details),
 * one processor for the local camera, and reactive emotion / fallback state for the
 * local badge. The newest one is also `activeEffects`, which FacechatEffectPicker.vue
 * reads for the mood / image details, the live preview and calibration, so the page
 * only passes `v-model:mode` and `:fallback`.
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
import { type EmotionBackgroundProcessor, createEmotionBackgroundProcessor } from './EmotionBackgroundProcessor';
import type { ActiveFallback, EffectMode } from './processorOptions';
import { renderPreset } from './presets';
import { type BackgroundDetails, loadBackgroundDetails, loadEffectMode, saveBackgroundDetails, saveEffectMode } from './settings';

/** Size the preset pictures are drawn at (the compositor scales them to the background layer). */
const PRESET_SIZE = { width: 1280, height: 720 };

/** Loads a picture for the compositor; null when it cannot be read (the background is blurred then). */
async function loadPicture(details: BackgroundDetails): Promise<CanvasImageSource | null> {
  if (details.image !== 'upload') return renderPreset(details.image, PRESET_SIZE.width, PRESET_SIZE.height);
  if (!details.uploadUrl) return null;
  try {
    // fetch + createImageBitmap: an <img> from another origin would taint the output canvas.
    const response = await fetch(details.uploadUrl);
    if (!response.ok) return null;
    return await createImageBitmap(await response.blob());
  } catch {
    return null;
  }
}

export function useEmotionBackground(options: { assetsBase?: string } = {}) {
  const mode = ref<EffectMode>(loadEffectMode());
  const details = ref<BackgroundDetails>(loadBackgroundDetails());
  const emotion = ref<Emotion>('neutral');
  const confidence = ref(0);
  const faceFound = ref(false);
  const fallback = ref<ActiveFallback>(null);
  const processor = shallowRef<EmotionBackgroundProcessor | null>(null);
  let picture: CanvasImageSource | null = null;

  function create(): EmotionBackgroundProcessor {
    return createEmotionBackgroundProcessor({
      mode: mode.value,
      mood: details.value.mood,
      backgroundImage: picture,
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

  let pictureRequest = 0;
  watch(
    details,
    async (value, previous) => {
      if (previous) saveBackgroundDetails(value);
      processor.value?.setMood(value.mood);
      if (previous && previous.image === value.image && previous.uploadUrl === value.uploadUrl) return;
      const request = ++pictureRequest;
      const loaded = await loadPicture(value);
      if (request !== pictureRequest) return; // a newer choice won
      if (picture && 'close' in picture) picture.close();
      picture = loaded;
      processor.value?.setBackgroundImage(loaded);
    },
    { immediate: true, deep: true },
  );

  const effects = { mode, details, emotion, confidence, faceFound, fallback, processor, attach, detach };
  activeEffects.value = effects;

  onScopeDispose(() => {
    void processor.value?.destroy();
    processor.value = null;
    if (activeEffects.value === effects) activeEffects.value = null;
  });

  return effects;
}

export type EmotionBackgroundEffects = ReturnType<typeof useEmotionBackground>;

/** The effects of the call being set up or held (the picker reads details, preview and calibration here). */
export const activeEffects = shallowRef<EmotionBackgroundEffects | null>(null);

/**
 * What `read` finds in `participant`'s attributes, kept up to date (null without a participant). A new value is set
 * only when `same` says it changed, so watchers of it do not run for other attributes' changes.
 */
export function useParticipantAttribute<T>(
  participant: Ref<Participant | null | undefined> | (() => Participant | null | undefined),
  read: (participant: Participant) => T | null,
  same: (a: T | null, b: T | null) => boolean = (a, b) => a === b,
): Ref<T | null> {
  const value = shallowRef<T | null>(null);
  watch(
    participant,
    (current, _previous, onCleanup) => {
      if (!current) {
        value.value = null;
        return;
      }
      const update = () => {
        const next = read(current);
        if (!same(next, value.value)) value.value = next;
      };
      update();
      current.on(ParticipantEvent.AttributesChanged, update);
      onCleanup(() => current.off(ParticipantEvent.AttributesChanged, update));
    },
    { immediate: true },
  );
  return value;
}

/** The emotion `participant` publishes (null: none, e.g. effects off), kept up to date. */
export function useParticipantEmotion(participant: Ref<Participant | null | undefined>): Ref<Emotion | null> {
  return useParticipantAttribute(participant, readEmotionAttribute);
}
