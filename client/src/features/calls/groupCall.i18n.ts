// Texts of group calls: the friend picker dialog (ring several friends, add people to a running call).
const en = {
  groupCall: {
    button: 'Group call',
    title: 'Call several friends',
    call: 'Call',
    cancel: 'Cancel',
    search: 'Search friends',
    searchPlaceholder: 'Name or username',
    selected: '{n} selected · up to {max}',
    full: 'That is as many as the call can hold.',
    friendsError: 'Your friends could not be loaded.',
    noFriends: 'You have no friends to call yet.',
    noMatch: 'No friend matches “{query}”.',
    allThere: 'All your friends are already in this call.',
  },
};

const ko: typeof en = {
  groupCall: {
    button: '그룹 통화',
    title: '여러 친구에게 전화하기',
    call: '전화 걸기',
    cancel: '취소',
    search: '친구 검색',
    searchPlaceholder: '이름 또는 사용자 이름',
    selected: '{n}명 선택됨 · 최대 {max}명',
    full: '통화에 참여할 수 있는 최대 인원이에요.',
    friendsError: '친구 목록을 불러오지 못했어요.',
    noFriends: '아직 전화할 친구가 없어요.',
    noMatch: '“{query}”와(과) 일치하는 친구가 없어요.',
    allThere: '모든 친구가 이미 통화에 있어요.',
  },
};

export default { en, ko };
