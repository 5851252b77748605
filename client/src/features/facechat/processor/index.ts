/**
 * Emotion backgrounds for the call page: a LiveKit video TrackProcessor, the
 * emotion participant attribute and the themes. Vue parts (useEmotionBackground,
 * FacechatEffectPicker.vue) are imported by path, so this entry stays framework-free.
 */
export { createEmotionBackgroundProcessor, type EmotionBackgroundProcessor } from './EmotionBackgroundProcessor';
export type { ActiveFallback, EffectMode, ProcessorStats } from './processorOptions';
export { readEmotionAttribute } from './attribute';
