import { onScopeDispose } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryValue } from 'vue-router';
import type { Suspension } from './sessionCoordinator';
import { useAuthStore } from './useAuthStore';

/** Only paths of this app: never another origin (`//host`) or a scheme. */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

/** The sign-in page's query for a suspended account (read back by `suspensionFromQuery`). */
export function suspendedQuery(suspension: Suspension): Record<string, string> {
  return suspension.until ? { reason: 'suspended', until: suspension.until } : { reason: 'suspended' };
}

/** The suspension the sign-in page was sent with, if any (`until` only when it is a valid date). */
export function suspensionFromQuery(query: LocationQuery): Suspension | null {
  if (query.reason !== 'suspended') return null;
  const until = typeof query.until === 'string' && !Number.isNaN(Date.parse(query.until)) ? query.until : null;
  return { until };
}

/**
 * Keeps the page in line with the session, whatever changed it (this tab's form,
 * another tab, an ended session): signed in on a guest page → where they were going;
 * signed out on a members' page (or the home feed) → sign in, and back here afterwards; suspended → sign in, saying so.
 */
export function useSessionRedirects(): void {
  const auth = useAuthStore();
  const router = useRouter();
  const route = useRoute();

  const stop = auth.onSessionChange((session, cause, previous, suspension) => {
    if (suspension) {
      // Wherever they are (a call page included): the sign-in page says why, and until when.
      void router.replace({ name: 'sign-in', query: suspendedQuery(suspension) });
    } else if (session && route.meta.guestOnly) {
      void router.replace(safeRedirect(route.query.redirect));
    } else if (!session && (route.meta.requiresAuth || (previous && route.meta.landingForGuests))) {
      // Signing out on the home feed leads to the sign-in page too, not to the landing page under the same address.
      const query = cause === 'signout' ? {} : { redirect: route.fullPath, ...(cause === 'expired' ? { reason: 'expired' } : {}) };
      void router.replace({ name: 'sign-in', query });
    }
  });
  onScopeDispose(stop);
}
