import { onScopeDispose } from 'vue';
import { useRoute, useRouter, type LocationQueryValue } from 'vue-router';
import { useAuthStore } from './useAuthStore';

/** Only paths of this app: never another origin (`//host`) or a scheme. */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

/**
 * Keeps the page in line with the session, whatever changed it (this tab's form,
 * another tab, an ended session): signed in on a guest page → where they were going;
 * signed out on a members' page → sign in, and back here afterwards.
 */
export function useSessionRedirects(): void {
  const auth = useAuthStore();
  const router = useRouter();
  const route = useRoute();

  const stop = auth.onSessionChange((session, cause) => {
    if (session && route.meta.guestOnly) {
      void router.replace(safeRedirect(route.query.redirect));
    } else if (!session && route.meta.requiresAuth) {
      const query = cause === 'signout' ? {} : { redirect: route.fullPath, ...(cause === 'expired' ? { reason: 'expired' } : {}) };
      void router.replace({ name: 'sign-in', query });
    }
  });
  onScopeDispose(stop);
}
