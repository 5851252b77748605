/**
 * Texts of the effect picker and the emotion badges, Korean and English. Used as
 * local messages by FacechatEffectPicker.vue; the call page can merge them into
 * the app's messages (they live under `facechatEffects`) for its badges.
 */
const en = {
  facechatEffects: {
    title: 'Background',
    emotion: 'Emotion (auto)',
    emotionHint: 'Changes with your expression',
    mood: 'Mood by hand',
    moodHint: 'One emotion theme you pick',
    image: 'Picture',
    imageHint: 'A picture behind you',
    blur: 'Blur',
    blurHint: 'Blurs what is behind you',
    off: 'Off',
    offHint: 'Sends your camera as it is',
    moodLegend: 'Theme',
    imageLegend: 'Picture',
    presets: { sunrise: 'Sunrise', ocean: 'Ocean', forest: 'Forest' },
    upload: 'Your picture',
    uploadChoose: 'Upload a picture…',
    uploading: 'Uploading…',
    uploadFailed: 'The picture could not be uploaded: {message}',
    preview: 'Preview of your camera with this background',
    previewWaiting: 'The preview appears when your camera is on.',
    calibrate: 'Recalibrate my resting face',
    calibrateHint: 'Keep a relaxed face for a few seconds.',
    calibrating: 'Learning your resting face…',
    dismiss: 'Dismiss',
    fallback: {
      blur: 'Background effects could not start on this device, so your whole picture is blurred instead.',
      color: 'Your device is busy, so the background is a plain colour for now.',
    },
    emotions: {
      happy: 'Happy',
      sad: 'Sad',
      angry: 'Angry',
      surprised: 'Surprised',
      neutral: 'Calm',
    },
    badge: '{name} looks {emotion}',
  },
};

const ko: typeof en = {
  facechatEffects: {
    title: '배경',
    emotion: '감정 배경 (자동)',
    emotionHint: '표정에 따라 배경이 바뀌어요',
    mood: '직접 고른 기분',
    moodHint: '고른 감정 테마 하나로 보여요',
    image: '사진',
    imageHint: '뒤쪽에 사진을 보여요',
    blur: '흐림',
    blurHint: '뒤쪽 배경을 흐리게 해요',
    off: '끄기',
    offHint: '카메라 화면을 그대로 보내요',
    moodLegend: '테마',
    imageLegend: '사진',
    presets: { sunrise: '해돋이', ocean: '바다', forest: '숲' },
    upload: '내 사진',
    uploadChoose: '사진 올리기…',
    uploading: '올리는 중…',
    uploadFailed: '사진을 올리지 못했어요: {message}',
    preview: '이 배경을 적용한 내 카메라 미리보기',
    previewWaiting: '카메라가 켜지면 미리보기가 나타나요.',
    calibrate: '평소 표정 다시 맞추기',
    calibrateHint: '몇 초 동안 편안한 표정을 지어 주세요.',
    calibrating: '평소 표정을 익히는 중…',
    dismiss: '닫기',
    fallback: {
      blur: '이 기기에서 배경 효과를 시작하지 못해 화면 전체를 흐리게 보내고 있어요.',
      color: '기기가 바빠서 지금은 배경을 단색으로 보여 드려요.',
    },
    emotions: {
      happy: '기쁨',
      sad: '슬픔',
      angry: '화남',
      surprised: '놀람',
      neutral: '평온',
    },
    badge: '{name} 님의 표정: {emotion}',
  },
};

export type FacechatEffectsMessages = typeof en;
export { en, ko };
