// Texts of the call's stage (views, pin, full screen, self-view), control states, shortcuts and timer.
const en = {
  callStage: {
    stage: 'Call stage',
    gridView: 'Grid view',
    speakerView: 'Speaker view',
    fullscreen: 'Full screen',
    exitFullscreen: 'Exit full screen',
    pin: 'Pin {name}',
    unpin: 'Unpin {name}',
    pinned: 'pinned',
    speaking: 'speaking',
    selfMinimise: 'Minimise your video',
    selfShow: 'Show your video',
    you: 'You',
    timer: 'Call time',
    controls: {
      unmute: 'Unmute',
      cameraOn: 'Camera on',
      effectOn: 'Effect on',
      effectOff: 'Effect off',
      shortcuts: 'Keyboard shortcuts',
      tooltip: '{label} ({key})',
    },
    shortcuts: {
      mic: 'Mute or unmute',
      camera: 'Camera on or off',
      effect: 'Background effect on or off',
      fullscreen: 'Full screen on or off',
      chat: 'Open or close the chat',
      help: 'Show these shortcuts',
      close: 'Close',
    },
    chatSheet: { close: 'Close chat' },
  },
};

const ko: typeof en = {
  callStage: {
    stage: '통화 화면',
    gridView: '그리드 보기',
    speakerView: '발표자 보기',
    fullscreen: '전체 화면',
    exitFullscreen: '전체 화면 종료',
    pin: '{name}님 고정',
    unpin: '{name}님 고정 해제',
    pinned: '고정됨',
    speaking: '말하는 중',
    selfMinimise: '내 영상 최소화',
    selfShow: '내 영상 보기',
    you: '나',
    timer: '통화 시간',
    controls: {
      unmute: '음소거 해제',
      cameraOn: '카메라 켜기',
      effectOn: '효과 켜기',
      effectOff: '효과 끄기',
      shortcuts: '단축키',
      tooltip: '{label} ({key})',
    },
    shortcuts: {
      mic: '음소거 / 해제',
      camera: '카메라 켜기 / 끄기',
      effect: '배경 효과 켜기 / 끄기',
      fullscreen: '전체 화면 켜기 / 끄기',
      chat: '채팅 열기 / 닫기',
      help: '단축키 보기',
      close: '닫기',
    },
    chatSheet: { close: '채팅 닫기' },
  },
};

export default { en, ko };
