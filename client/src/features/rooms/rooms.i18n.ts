// Texts of the room lobby and the create-room dialog.
const en = {
  rooms: {
    nav: 'Rooms',
    title: 'Rooms',
    create: 'Create a room',
    // describeUserError scope `rooms.errors`: the create form's fields.
    errors: {
      fields: {
        title: { INVALID: 'The title must be 1–60 characters.' },
        tags: { INVALID: 'Tags are 1–50 letters, digits or _, at most 30.' },
        capacity: { INVALID: 'A room holds 2–16 people.' },
      },
    },
    searchLabel: 'Search rooms',
    searchPlaceholder: 'Title or tag',
    loading: 'Loading rooms…',
    count: 'No open rooms | 1 open room | {n} open rooms',
    results: 'No rooms for “{query}” | 1 room for “{query}” | {n} rooms for “{query}”',
    loadError: 'The rooms could not be loaded.',
    empty: 'No rooms are open right now. Create one and invite your friends!',
    emptySearch: 'No rooms match “{query}”.',
    live: 'LIVE',
    host: 'Hosted by {name}',
    more: 'More for the room “{title}”',
    tags: 'Tags',
    occupancy: '{n} / {capacity} people',
    full: 'Full',
    join: 'Join',
    joinLabel: 'Join {title}',
    visibility: {
      PUBLIC: 'Public',
      FRIENDS: 'Friends only',
      PRIVATE: 'Private',
    },
    visibilityHint: {
      PUBLIC: 'Anyone signed in can join.',
      FRIENDS: 'Only your friends can join.',
      PRIVATE: 'Only people you call can join.',
    },
    createTitle: 'Create a room',
    createSubmit: 'Create and join',
    cancel: 'Cancel',
    fields: {
      title: 'Title',
      tags: 'Tags',
      tagsHint: 'Optional. Separate tags with commas or spaces, e.g. music, study.',
      capacity: 'Capacity',
      capacityHint: '2 to 16 people.',
      visibility: 'Who can join',
    },
  },
};

const ko: typeof en = {
  rooms: {
    nav: '방',
    title: '방 목록',
    create: '방 만들기',
    errors: {
      fields: {
        title: { INVALID: '제목은 1~60자로 입력해 주세요.' },
        tags: { INVALID: '태그는 글자, 숫자, _로 1~50자이며 30개까지입니다.' },
        capacity: { INVALID: '방 인원은 2~16명입니다.' },
      },
    },
    searchLabel: '방 검색',
    searchPlaceholder: '제목 또는 태그',
    loading: '방 목록을 불러오는 중…',
    count: '열린 방이 없어요 | 열린 방 1개 | 열린 방 {n}개',
    results: '“{query}” 검색 결과 없음 | “{query}” 검색 결과 1개 | “{query}” 검색 결과 {n}개',
    loadError: '방 목록을 불러오지 못했어요.',
    empty: '지금 열린 방이 없어요. 방을 만들고 친구를 초대해 보세요!',
    emptySearch: '“{query}”와(과) 일치하는 방이 없어요.',
    live: 'LIVE',
    host: '방장 {name}',
    more: '“{title}” 방 더 보기',
    tags: '태그',
    occupancy: '{n} / {capacity}명',
    full: '만원',
    join: '참여',
    joinLabel: '{title} 방에 참여',
    visibility: {
      PUBLIC: '공개',
      FRIENDS: '친구 공개',
      PRIVATE: '비공개',
    },
    visibilityHint: {
      PUBLIC: '로그인한 누구나 참여할 수 있어요.',
      FRIENDS: '내 친구만 참여할 수 있어요.',
      PRIVATE: '내가 전화한 사람만 참여할 수 있어요.',
    },
    createTitle: '방 만들기',
    createSubmit: '만들고 참여하기',
    cancel: '취소',
    fields: {
      title: '제목',
      tags: '태그',
      tagsHint: '선택 사항. 쉼표나 띄어쓰기로 구분해요. 예: 음악, 공부',
      capacity: '정원',
      capacityHint: '2~16명',
      visibility: '참여 가능한 사람',
    },
  },
};

export default { en, ko };
