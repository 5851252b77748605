/** The user's background choice, remembered in localStorage across calls and reloads. */
import { EMOTIONS, type Emotion } from '../emotion/classify';
import type { EffectMode } from './processorOptions';
import { type PresetBackground, isPresetBackground } from './presets';

export const EFFECT_MODES: readonly EffectMode[] = ['emotion', 'mood', 'image', 'blur', 'off'];
export const EFFECT_MODE_STORAGE_KEY = 'pp-enter.facechat.effect';
export const BACKGROUND_DETAILS_STORAGE_KEY = 'pp-enter.facechat.background';
/** New users get the feature the app is built around. */
export const DEFAULT_EFFECT_MODE: EffectMode = 'emotion';

/** What the 'mood' and 'image' modes show. */
export interface BackgroundDetails {
  mood: Emotion;
  /** A preset, or 'upload' for the user's own picture at uploadUrl. */
  image: PresetBackground | 'upload';
  /** URL of the uploaded picture (media pipeline), if any. */
  uploadUrl: string | null;
}

export const DEFAULT_BACKGROUND_DETAILS: BackgroundDetails = { mood: 'neutral', image: 'sunrise', uploadUrl: null };

const isEffectMode = (value: unknown): value is EffectMode => (EFFECT_MODES as readonly unknown[]).includes(value);

export function loadEffectMode(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): EffectMode {
  try {
    const value = storage?.getItem(EFFECT_MODE_STORAGE_KEY);
    return isEffectMode(value) ? value : DEFAULT_EFFECT_MODE;
  } catch {
    return DEFAULT_EFFECT_MODE; // Storage disabled.
  }
}

export function saveEffectMode(mode: EffectMode, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(EFFECT_MODE_STORAGE_KEY, mode);
  } catch {
    // Not remembered; still applied for this call.
  }
}

/** The stored details, each field checked (anything unknown falls back to the default). */
export function loadBackgroundDetails(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): BackgroundDetails {
  let stored: Partial<Record<keyof BackgroundDetails, unknown>> = {};
  try {
    stored = JSON.parse(storage?.getItem(BACKGROUND_DETAILS_STORAGE_KEY) ?? '{}') ?? {};
  } catch {
    // Storage disabled or a broken value: defaults.
  }
  const uploadUrl = typeof stored.uploadUrl === 'string' && /^(https?:\/\/|\/)/.test(stored.uploadUrl) ? stored.uploadUrl : null;
  const image =
    stored.image === 'upload' && uploadUrl ? 'upload' : isPresetBackground(stored.image) ? stored.image : DEFAULT_BACKGROUND_DETAILS.image;
  const mood = (EMOTIONS as readonly unknown[]).includes(stored.mood) ? (stored.mood as Emotion) : DEFAULT_BACKGROUND_DETAILS.mood;
  return { mood, image, uploadUrl };
}

export function saveBackgroundDetails(
  details: BackgroundDetails,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(BACKGROUND_DETAILS_STORAGE_KEY, JSON.stringify(details));
  } catch {
    // Not remembered.
  }
}
