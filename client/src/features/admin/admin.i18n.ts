// The admin console's texts. Sections add their own keys under `admin.<section>`.
const en = {
  admin: {
    title: 'Admin',
    open: 'Admin console',
    nav: {
      label: 'Admin sections',
      dashboard: 'Dashboard',
      reports: 'Reports',
      log: 'Moderation log',
      users: 'Users',
      posts: 'Posts',
      comments: 'Comments',
      rooms: 'Rooms',
      tags: 'Tags',
    },
  },
};

const ko: typeof en = {
  admin: {
    title: '관리',
    open: '관리 콘솔',
    nav: {
      label: '관리 메뉴',
      dashboard: '대시보드',
      reports: '신고',
      log: '조치 기록',
      users: '사용자',
      posts: '게시물',
      comments: '댓글',
      rooms: '방',
      tags: '태그',
    },
  },
};

export default { en, ko };
