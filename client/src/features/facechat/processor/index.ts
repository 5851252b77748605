/**
 * Emotion backgrounds for the call page: a LiveKit video TrackProcessor, the
 * emotion participant attribute and the themes. Vue parts (useEmotionBackground,
 * FacechatEffectPicker.vue) are imported by path, so this entry stays framework-free.
 */
export {
  EmotionBackgroundProcessor,
  createEmotionBackgroundProcessor,
  type ActiveFallback,
  type EffectMode,
  type EmotionBackgroundOptions,
  type EmotionChange,
  type ProcessorStats,
} from './EmotionBackgroundProcessor';
export { EMOTION_ATTRIBUTE, publishEmotionAttribute, readEmotionAttribute } from './attribute';
export { THEMES, nearestTheme, type Theme } from './themes';
export { EFFECT_MODES, loadEffectMode, saveEffectMode } from './settings';
