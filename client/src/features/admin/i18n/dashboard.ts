// The dashboard: today's cards and the 30-day chart.
const en = {
  dashboard: {
    title: 'Dashboard',
    today: 'Now and today',
    loading: 'Loading the numbers…',
    failed: 'The numbers could not be loaded.',
    retry: 'Try again',
    openQueue: 'Open the reports queue',
    stats: {
      users: 'Users',
      newUsersToday: 'New users today',
      activeUsersToday: 'Active users today',
      postsToday: 'Posts today',
      callsToday: 'Calls today',
      liveRooms: 'Live rooms now',
      participantsLive: 'People in rooms now',
      openReports: 'Open reports',
    },
    chartTitle: 'The last {days} days',
    chartLoading: 'Loading the last days…',
    chartFailed: 'The chart could not be loaded.',
    chartSummary: 'In {days} days: {newUsers} new users, {posts} posts, {calls} calls. The table below has every day.',
    day: 'Day',
    series: { newUsers: 'New users', activeUsers: 'Active users', posts: 'Posts', calls: 'Calls' },
  },
};

const ko: typeof en = {
  dashboard: {
    title: '대시보드',
    today: '지금과 오늘',
    loading: '수치를 불러오는 중…',
    failed: '수치를 불러오지 못했습니다.',
    retry: '다시 시도',
    openQueue: '신고 목록 열기',
    stats: {
      users: '사용자',
      newUsersToday: '오늘 새 사용자',
      activeUsersToday: '오늘 활동한 사용자',
      postsToday: '오늘 게시물',
      callsToday: '오늘 통화',
      liveRooms: '지금 진행 중인 방',
      participantsLive: '지금 방에 있는 사람',
      openReports: '처리 대기 신고',
    },
    chartTitle: '최근 {days}일',
    chartLoading: '최근 기록을 불러오는 중…',
    chartFailed: '차트를 불러오지 못했습니다.',
    chartSummary: '{days}일 동안 새 사용자 {newUsers}명, 게시물 {posts}개, 통화 {calls}건. 날짜별 수치는 아래 표에 있습니다.',
    day: '날짜',
    series: { newUsers: '새 사용자', activeUsers: '활동한 사용자', posts: '게시물', calls: '통화' },
  },
};

export default { en, ko };
