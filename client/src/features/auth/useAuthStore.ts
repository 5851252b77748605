import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LoginInput, RegisterInput, ViewerFieldsFragment } from '../../gql/graphql';
import { loginRequest, logoutRequest, refreshRequest, registerRequest, type AuthResult } from './authApi';
import {
  SESSION_CHANNEL,
  SessionCoordinator,
  type ChangeCause,
  type ChannelLike,
  type LockManagerLike,
  type Session,
  type Suspension,
} from './sessionCoordinator';

/** `unreachable`: the first session check could not reach the server. */
export type AuthStatus = 'loading' | 'signedIn' | 'signedOut' | 'unreachable';

/** `suspension`: set when the cause is `suspended` (the account was suspended: see useSessionRedirects). */
export type SessionListener = (session: Session | null, cause: ChangeCause, previous: Session | null, suspension?: Suspension) => void;

function browserLocks(): LockManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks as unknown as LockManagerLike) : null;
}

function browserChannel(): ChannelLike | null {
  return typeof BroadcastChannel !== 'undefined' ? (new BroadcastChannel(SESSION_CHANNEL) as unknown as ChannelLike) : null;
}

/** How long signing out waits for `onBeforeSignOut` work (a call's hang-up). */
const SIGN_OUT_WAIT_MS = 3000;

/**
 * The signed-in user and their access token, in memory only: the refresh token is an
 * httpOnly cookie the API sets, and nothing of the session goes to localStorage.
 */
export const useAuthStore = defineStore('auth', () => {
  const session = shallowRef<Session | null>(null);
  const status = ref<AuthStatus>('loading');
  const listeners = new Set<SessionListener>();

  const coordinator = new SessionCoordinator({
    fetchRefresh: refreshRequest,
    locks: browserLocks(),
    channel: browserChannel(),
    onChange(next, cause, suspension) {
      const previous = session.value;
      session.value = next;
      if (status.value !== 'loading' || next) status.value = next ? 'signedIn' : 'signedOut';
      for (const listener of listeners) listener(next, cause, previous, suspension);
    },
  });

  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') coordinator.wake();
    });
  }

  const user = computed<ViewerFieldsFragment | null>(() => session.value?.user ?? null);
  const isSignedIn = computed(() => session.value !== null);
  const accessToken = computed(() => session.value?.accessToken ?? null);
  /** Moderators and admins: the admin console and staff actions (the API checks every one again). */
  const isStaff = computed(() => user.value?.role === 'MODERATOR' || user.value?.role === 'ADMIN');
  const isAdmin = computed(() => user.value?.role === 'ADMIN');

  let restoring: Promise<void> | null = null;

  /** On load: the cookie, if any, becomes a session. */
  function restore(): Promise<void> {
    status.value = 'loading';
    restoring = coordinator.refresh().then((outcome) => {
      if (outcome.kind === 'session') status.value = 'signedIn';
      else if (outcome.kind === 'signedOut') status.value = 'signedOut';
      else status.value = coordinator.current ? 'signedIn' : 'unreachable';
    });
    return restoring;
  }

  /** Resolves once the first session check is over. */
  function ready(): Promise<void> {
    return restoring ?? restore();
  }

  async function finish(result: AuthResult): Promise<AuthResult> {
    if (result.ok) coordinator.signIn(result.session);
    return result;
  }

  const signIn = async (input: LoginInput) => finish(await loginRequest(input));
  const register = async (input: RegisterInput) => finish(await registerRequest(input));

  /** Ends the session on the server (best effort) and everywhere in this browser. */
  /**
   * Work that needs the session and must finish before it ends (hanging up a call: endCall needs the token). Each gets
   * at most SIGN_OUT_WAIT_MS: signing out never hangs on it.
   */
  const beforeSignOut = new Set<() => Promise<unknown>>();
  function onBeforeSignOut(task: () => Promise<unknown>): () => void {
    beforeSignOut.add(task);
    return () => void beforeSignOut.delete(task);
  }

  async function signOut(): Promise<void> {
    const timeout = new Promise((resolve) => setTimeout(resolve, SIGN_OUT_WAIT_MS));
    await Promise.race([Promise.allSettled([...beforeSignOut].map((task) => task())), timeout]);
    try {
      await logoutRequest();
    } catch {
      // Server unreachable: the cookie outlives this tab's sign-out, but nothing here keeps the session.
    }
    coordinator.signOut();
  }

  /** The token to send now without waiting: null when signed out, undefined when it is about to expire. */
  function tokenNow(): string | null | undefined {
    const held = coordinator.current;
    if (!held) return null;
    return coordinator.isStale() ? undefined : held.accessToken;
  }

  /** The token to send now, refreshed first when it is about to expire. */
  async function validToken(): Promise<string | null> {
    const now = tokenNow();
    if (now !== undefined) return now;
    const outcome = await coordinator.refresh(coordinator.current?.accessToken ?? null);
    return outcome.kind === 'session' ? outcome.session.accessToken : null;
  }

  /** A request with `token` was refused as UNAUTHENTICATED: the token to retry with, or null. */
  async function tokenAfterRejection(token: string | null): Promise<string | null> {
    if (!coordinator.current) return null;
    const outcome = await coordinator.refresh(token);
    return outcome.kind === 'session' ? outcome.session.accessToken : null;
  }

  function updateUser(next: ViewerFieldsFragment): void {
    coordinator.updateUser(next);
  }

  function onSessionChange(listener: SessionListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return {
    session,
    status,
    user,
    isSignedIn,
    isStaff,
    isAdmin,
    accessToken,
    restore,
    ready,
    signIn,
    register,
    signOut,
    onBeforeSignOut,
    validToken,
    tokenNow,
    tokenAfterRejection,
    updateUser,
    onSessionChange,
  };
});

export type AuthStore = ReturnType<typeof useAuthStore>;
