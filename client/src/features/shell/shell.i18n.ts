// Texts of the app's frame: the phones' tab bar and the calls/rooms switch.
const en = {
  shell: {
    tabs: {
      label: 'Tabs',
      home: 'Home',
      search: 'Search',
      new: 'New',
      calls: 'Calls',
      profile: 'Profile',
    },
    callsSwitch: {
      label: 'Calls and rooms',
      calls: 'Calls',
      rooms: 'Rooms',
    },
    footer: {
      developers: 'Developers',
    },
  },
};

const ko: typeof en = {
  shell: {
    tabs: {
      label: '탭 메뉴',
      home: '홈',
      search: '검색',
      new: '글쓰기',
      calls: '통화',
      profile: '프로필',
    },
    callsSwitch: {
      label: '통화와 방',
      calls: '통화 기록',
      rooms: '방',
    },
    footer: {
      developers: '개발자',
    },
  },
};

export default { en, ko };
