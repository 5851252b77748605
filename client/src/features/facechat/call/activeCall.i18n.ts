// Texts of the call outside its page (mini bar, leave confirmation, notices, what to do after), Korean and English.
const en = {
  activeCall: {
    bar: {
      label: 'Ongoing call',
      with: 'Call with {names}',
      room: 'Room call',
      timer: 'Call time',
      mute: 'Mute',
      unmute: 'Unmute',
      hangUp: 'Hang up',
      leave: 'Leave',
      return: 'Return to call',
      cameraOff: 'Camera off',
    },
    pip: 'Picture-in-picture',
    pipFailed: 'Picture-in-picture could not be started.',
    confirm: {
      title: 'Leave the call?',
      bodyCall: 'The call ends for you. The others are told you left.',
      bodyRoom: 'You leave the room. You can join again while it is open.',
      stay: 'Stay',
      leave: 'Leave',
    },
    notice: {
      label: 'Who joined and left',
      joined: '{name} joined',
      left: '{name} left',
      reconnecting: '{name} is reconnecting…',
      back: '{name} is back',
    },
    after: {
      callAgain: 'Call again',
      calling: 'Calling…',
      message: 'Message',
      messageTo: 'Go to {name}’s profile to get in touch',
    },
  },
};

const ko: typeof en = {
  activeCall: {
    bar: {
      label: '진행 중인 통화',
      with: '{names} 님과 통화',
      room: '방 통화',
      timer: '통화 시간',
      mute: '음소거',
      unmute: '음소거 해제',
      hangUp: '통화 종료',
      leave: '나가기',
      return: '통화로 돌아가기',
      cameraOff: '카메라 꺼짐',
    },
    pip: '화면 속 화면',
    pipFailed: '화면 속 화면을 시작할 수 없어요.',
    confirm: {
      title: '통화에서 나갈까요?',
      bodyCall: '내 통화가 끝나고, 다른 사람들에게 나갔다고 알려요.',
      bodyRoom: '방에서 나가요. 방이 열려 있는 동안 다시 들어올 수 있어요.',
      stay: '계속하기',
      leave: '나가기',
    },
    notice: {
      label: '들어오고 나간 사람',
      joined: '{name} 님이 들어왔어요',
      left: '{name} 님이 나갔어요',
      reconnecting: '{name} 님이 다시 연결하는 중…',
      back: '{name} 님이 다시 연결됐어요',
    },
    after: {
      callAgain: '다시 걸기',
      calling: '거는 중…',
      message: '메시지',
      messageTo: '{name} 님의 프로필로 가서 연락하기',
    },
  },
};

export default { en, ko };
