import type { RouteRecordRaw } from 'vue-router';

// The staff console (`/admin`): one layout, a page per section. Lists keep their search, filters and page
// in the query string, so a list can be linked and the back button returns to the same view.
export const adminRoutes: RouteRecordRaw = {
  path: '/admin',
  component: () => import('./AdminLayout.vue'),
  meta: { requiresAuth: true, requiresStaff: true },
  children: [
    { path: '', name: 'admin', component: () => import('./AdminDashboardPage.vue'), meta: { title: 'admin.nav.dashboard' } },
    { path: 'reports', name: 'admin-reports', component: () => import('./AdminReportsPage.vue'), meta: { title: 'admin.nav.reports' } },
    { path: 'log', name: 'admin-log', component: () => import('./AdminLogPage.vue'), meta: { title: 'admin.nav.log' } },
    { path: 'users', name: 'admin-users', component: () => import('./AdminUsersPage.vue'), meta: { title: 'admin.nav.users' } },
    {
      path: 'users/:id',
      name: 'admin-user',
      component: () => import('./AdminUserDetailPage.vue'),
      props: true,
      meta: { title: 'admin.nav.users' },
    },
    { path: 'posts', name: 'admin-posts', component: () => import('./AdminPostsPage.vue'), meta: { title: 'admin.nav.posts' } },
    {
      path: 'posts/:id',
      name: 'admin-post',
      component: () => import('./AdminPostDetailPage.vue'),
      props: true,
      meta: { title: 'admin.nav.posts' },
    },
    { path: 'comments', name: 'admin-comments', component: () => import('./AdminCommentsPage.vue'), meta: { title: 'admin.nav.comments' } },
    { path: 'rooms', name: 'admin-rooms', component: () => import('./AdminRoomsPage.vue'), meta: { title: 'admin.nav.rooms' } },
    {
      path: 'rooms/:id',
      name: 'admin-room',
      component: () => import('./AdminRoomDetailPage.vue'),
      props: true,
      meta: { title: 'admin.nav.rooms' },
    },
    { path: 'tags', name: 'admin-tags', component: () => import('./AdminTagsPage.vue'), meta: { title: 'admin.nav.tags' } },
  ],
};
