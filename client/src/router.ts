import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Pinia } from 'pinia';
import { useAuthStore } from './features/auth/useAuthStore';
import { safeRedirect } from './features/auth/useSessionRedirects';
import { i18n } from './i18n';
import { adminRoutes } from './features/admin/adminRoutes';

declare module 'vue-router' {
  interface RouteMeta {
    /** Signed-out visitors are sent to sign in first. */
    requiresAuth?: boolean;
    /** Moderators and admins only (the admin console); anyone else gets the not-found page. */
    requiresStaff?: boolean;
    /** Only for signed-out visitors (sign in, sign up). */
    guestOnly?: boolean;
    /** i18n key of the page title. */
    title?: string;
    /** Signed-out visitors see the landing page here (`/`); members see their home feed. */
    landingForGuests?: boolean;
    /** The page fills the window under the header (no max width, no padding): the call's stage. */
    fullBleed?: boolean;
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: () => import('./features/landing/LandingOrHome.vue'),
    meta: { landingForGuests: true, title: 'home.title' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('./features/auth/AuthForgotPasswordPage.vue'),
    meta: { title: 'accountEmail.forgotTitle' },
  },
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('./features/auth/AuthResetPasswordPage.vue'),
    meta: { title: 'accountEmail.resetTitle' },
  },
  {
    path: '/verify-email',
    name: 'verify-email',
    component: () => import('./features/auth/AuthVerifyEmailPage.vue'),
    meta: { title: 'accountEmail.verifyTitle' },
  },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('./features/auth/AuthSignInPage.vue'),
    meta: { guestOnly: true, title: 'auth.signInTitle' },
  },
  {
    path: '/sign-up',
    name: 'sign-up',
    component: () => import('./features/auth/AuthSignUpPage.vue'),
    meta: { guestOnly: true, title: 'auth.signUpTitle' },
  },
  {
    path: '/people',
    name: 'people',
    component: () => import('./features/people/PeopleSearchPage.vue'),
    meta: { requiresAuth: true, title: 'people.title' },
  },
  {
    path: '/settings/profile',
    name: 'profile-edit',
    component: () => import('./features/profile/ProfileEditPage.vue'),
    meta: { requiresAuth: true, title: 'profileEdit.title' },
  },
  {
    path: '/settings/tokens',
    name: 'settings-tokens',
    component: () => import('./features/settings/SettingsTokensPage.vue'),
    meta: { requiresAuth: true, title: 'settings.tokens.title' },
  },
  {
    path: '/u/:username',
    name: 'profile',
    component: () => import('./features/profile/ProfilePage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/u/:username/:list(friends|followers|following)',
    name: 'profile-list',
    component: () => import('./features/friends/FriendsListPage.vue'),
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/friends/requests',
    name: 'friend-requests',
    component: () => import('./features/friends/FriendsRequestsPage.vue'),
    meta: { requiresAuth: true, title: 'friends.requests.title' },
  },
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('./features/notifications/NotificationsPage.vue'),
    meta: { requiresAuth: true, title: 'notifications.title' },
  },
  {
    path: '/new',
    name: 'post-new',
    component: () => import('./features/posts/PostEditorPage.vue'),
    meta: { requiresAuth: true, title: 'posts.newTitle' },
  },
  {
    path: '/p/:id',
    name: 'post',
    component: () => import('./features/posts/PostDetailPage.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'posts.postTitle' },
  },
  {
    path: '/p/:id/edit',
    name: 'post-edit',
    component: () => import('./features/posts/PostEditorPage.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'posts.editTitle' },
  },
  {
    path: '/favorites',
    name: 'favorites',
    component: () => import('./features/posts/PostFavoritesPage.vue'),
    meta: { requiresAuth: true, title: 'posts.favoritesTitle' },
  },
  {
    path: '/album',
    name: 'album',
    component: () => import('./features/media/MediaAlbumPage.vue'),
    meta: { requiresAuth: true, title: 'media.albumTitle' },
  },
  { path: '/t/:tag', name: 'tag', component: () => import('./features/tags/TagPage.vue'), props: true, meta: { requiresAuth: true } },
  {
    path: '/search',
    name: 'search',
    component: () => import('./features/search/SearchPage.vue'),
    meta: { requiresAuth: true, title: 'search.title' },
  },
  {
    path: '/rooms',
    name: 'rooms',
    component: () => import('./features/rooms/RoomsLobbyPage.vue'),
    meta: { requiresAuth: true, title: 'rooms.title' },
  },
  {
    path: '/call/:roomId',
    name: 'call',
    component: () => import('./features/facechat/call/FacechatCallPage.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'facechatCall.title', fullBleed: true },
  },
  {
    path: '/calls',
    name: 'calls',
    component: () => import('./features/calls/CallsHistoryPage.vue'),
    meta: { requiresAuth: true, title: 'calls.historyTitle' },
  },
  {
    path: '/messages',
    name: 'messages',
    component: () => import('./features/messages/MessagesListPage.vue'),
    meta: { requiresAuth: true, title: 'messages.list.title' },
  },
  {
    path: '/messages/to/:userId',
    name: 'messages-to',
    component: () => import('./features/messages/MessagesToPage.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'messages.list.title' },
  },
  {
    path: '/messages/:conversationId',
    name: 'messages-thread',
    component: () => import('./features/messages/MessagesThreadPage.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'messages.list.title' },
  },
  adminRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./features/shell/ShellNotFound.vue'),
    meta: { title: 'app.notFoundTitle' },
  },
];

export function createAppRouter(pinia: Pinia) {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach(async (to) => {
    const auth = useAuthStore(pinia);
    await auth.ready();
    if (to.meta.requiresAuth && !auth.isSignedIn) {
      return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    // Not "forbidden": members are not told the console exists.
    if (to.matched.some((record) => record.meta.requiresStaff) && !auth.isStaff) {
      return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') }, query: to.query, hash: to.hash };
    }
    if (to.meta.guestOnly && auth.isSignedIn) return safeRedirect(to.query.redirect);
    return true;
  });

  router.afterEach((to) => {
    const page = to.meta.title ? i18n.global.t(to.meta.title) : typeof to.params.username === 'string' ? `@${to.params.username}` : null;
    document.title = page ? `${page} · PP-ENTER` : 'PP-ENTER';
  });

  return router;
}
