// Texts of calls: the incoming dialog, ringing, outcomes, history and the "Call" button.
const en = {
  calls: {
    nav: 'Calls',
    historyTitle: 'Call history',
    historyError: 'Your calls could not be loaded.',
    historyEmpty: 'No calls yet. Call a friend from their profile.',
    historyEmptyLink: 'Or join a room',
    outgoing: 'Outgoing call',
    incomingCall: 'Incoming call',
    duration: 'lasted {time}',
    status: {
      RINGING: 'Ringing',
      ACCEPTED: 'In progress',
      ENDED: 'Ended',
      MISSED: 'Missed',
      DECLINED: 'Declined',
      CANCELED: 'Canceled',
    },
    outcome: {
      ENDED: 'The call has ended.',
      MISSED: 'No answer.',
      DECLINED: 'The call was declined.',
      CANCELED: 'The call was canceled.',
    },
    incoming: {
      title: 'Incoming call',
      from: '{name} is calling you',
      andOthers: ' and {n} other | and {n} others',
      accept: 'Accept',
      decline: 'Decline',
      preview: 'Your camera',
      failed: 'The call could not be answered. Try again.',
      // describeUserError scope `calls.incoming.errors`.
      errors: { CONFLICT: 'This call has already ended.' },
    },
    ringing: {
      title: 'Calling {names}…',
      status: 'Ringing. Waiting for an answer.',
      cancel: 'Cancel',
    },
    start: {
      button: 'Call',
      label: 'Video call {name}',
      failed: 'The call could not be started. Try again.',
      errors: {
        FORBIDDEN: 'You can only call your friends.',
        UNAVAILABLE: 'Video calls are not available right now.',
      },
    },
  },
};

const ko: typeof en = {
  calls: {
    nav: '통화',
    historyTitle: '통화 기록',
    historyError: '통화 기록을 불러오지 못했어요.',
    historyEmpty: '아직 통화 기록이 없어요. 친구 프로필에서 전화를 걸어 보세요.',
    historyEmptyLink: '또는 방에 참여하기',
    outgoing: '발신 통화',
    incomingCall: '수신 통화',
    duration: '통화 시간 {time}',
    status: {
      RINGING: '연결 중',
      ACCEPTED: '통화 중',
      ENDED: '종료됨',
      MISSED: '부재중',
      DECLINED: '거절됨',
      CANCELED: '취소됨',
    },
    outcome: {
      ENDED: '통화가 끝났어요.',
      MISSED: '상대방이 받지 않았어요.',
      DECLINED: '상대방이 통화를 거절했어요.',
      CANCELED: '통화가 취소되었어요.',
    },
    incoming: {
      title: '전화가 왔어요',
      from: '{name} 님의 영상 통화',
      andOthers: ' 외 {n}명 | 외 {n}명',
      accept: '받기',
      decline: '거절',
      preview: '내 카메라',
      failed: '전화를 받지 못했어요. 다시 시도해 주세요.',
      errors: { CONFLICT: '이미 끝난 통화예요.' },
    },
    ringing: {
      title: '{names} 님에게 거는 중…',
      status: '신호가 가고 있어요. 응답을 기다리는 중이에요.',
      cancel: '취소',
    },
    start: {
      button: '전화',
      label: '{name} 님에게 영상 통화 걸기',
      failed: '전화를 걸지 못했어요. 다시 시도해 주세요.',
      errors: {
        FORBIDDEN: '친구에게만 전화할 수 있어요.',
        UNAVAILABLE: '지금은 영상 통화를 이용할 수 없어요.',
      },
    },
  },
};

export default { en, ko };
