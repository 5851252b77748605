/** The user's effect choice, remembered in localStorage across calls and reloads. */
import type { EffectMode } from './EmotionBackgroundProcessor';

export const EFFECT_MODES: readonly EffectMode[] = ['emotion', 'blur', 'off'];
export const EFFECT_MODE_STORAGE_KEY = 'pp-enter.facechat.effect';
/** New users get the feature the app is built around. */
export const DEFAULT_EFFECT_MODE: EffectMode = 'emotion';

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
