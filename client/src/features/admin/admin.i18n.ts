import actions from './i18n/actions';
import dashboard from './i18n/dashboard';
import lists from './i18n/lists';
import log from './i18n/log';
import reports from './i18n/reports';

// The admin console's texts, under `admin`: the frame here, each section's in `i18n/<section>.ts`.
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
    ...dashboard.en,
    ...reports.en,
    ...log.en,
    ...actions.en,
    ...lists.en,
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
    ...dashboard.ko,
    ...reports.ko,
    ...log.ko,
    ...actions.ko,
    ...lists.ko,
  },
};

export default { en, ko };
