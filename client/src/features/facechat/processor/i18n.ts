/**
 * Texts of the effect picker and the emotion badges, Korean and English. Used as
 * local messages by FacechatEffectPicker.vue; the call page can merge them into
 * the app's messages (they live under `facechatEffects`) for its badges.
 */
const en = {
  facechatEffects: {
    title: 'Background',
    emotion: 'Emotion',
    emotionHint: 'Changes with your expression',
    blur: 'Blur',
    blurHint: 'Blurs what is behind you',
    off: 'Off',
    offHint: 'Sends your camera as it is',
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
    emotion: '감정 배경',
    emotionHint: '표정에 따라 배경이 바뀌어요',
    blur: '흐림',
    blurHint: '뒤쪽 배경을 흐리게 해요',
    off: '끄기',
    offHint: '카메라 화면을 그대로 보내요',
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
