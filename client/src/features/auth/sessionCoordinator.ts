import type { ViewerFieldsFragment } from '../../gql/graphql';

/** What a tab holds while signed in. The refresh token lives only in the httpOnly cookie. */
export interface Session {
  accessToken: string;
  /** When the access token stops being accepted, on this machine's clock (ms). */
  expiresAt: number;
  user: ViewerFieldsFragment;
}

/** The account was suspended (the API's ACCOUNT_SUSPENDED): `until` is an ISO date, null when indefinite. */
export interface Suspension {
  until: string | null;
}

export type RefreshOutcome =
  | { kind: 'session'; session: Session }
  /** The server says there is no session any more (ended, expired or reused token, or the account is suspended). */
  | { kind: 'signedOut'; suspension?: Suspension }
  /** The server could not be reached or failed: keep what we have and try again later. */
  | { kind: 'failed'; error: unknown };

export type SyncMessage =
  { type: 'session'; session: Session } | { type: 'user'; user: ViewerFieldsFragment } | { type: 'signout'; suspension?: Suspension };

/**
 * `expired`: a refresh found the session over; `suspended`: a refresh (here or in another tab) found the account
 * suspended; `remote`: another tab's news.
 */
export type ChangeCause = 'refresh' | 'signin' | 'signout' | 'expired' | 'suspended' | 'user' | 'remote';

/** The parts of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** The parts of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: SyncMessage): void;
  addEventListener(type: 'message', listener: (event: { data: SyncMessage }) => void): void;
  close(): void;
}

export interface CoordinatorOptions {
  /** Calls `refreshSession` (the cookie carries the refresh token). */
  fetchRefresh(): Promise<RefreshOutcome>;
  /** Called after every change of the session, local or from another tab (`suspension` with cause `suspended`). */
  onChange(session: Session | null, cause: ChangeCause, suspension?: Suspension): void;
  locks?: LockManagerLike | null;
  channel?: ChannelLike | null;
  lockName?: string;
  /** How long a tab that waited for the lock waits for the holder's broadcast. */
  broadcastWaitMs?: number;
  /** Refresh this long before expiry (capped at half the token's lifetime). */
  refreshLeadMs?: number;
  now?: () => number;
}

const REFRESH_LOCK = 'pp-enter-refresh';
export const SESSION_CHANNEL = 'pp-enter-session';

/**
 * Keeps one tab's access token fresh without two tabs ever spending the same
 * refresh token: refresh tokens rotate and a reused one revokes the whole session.
 *
 * - In a tab, concurrent callers share one refresh.
 * - Across tabs, a refresh runs inside the Web Lock `pp-enter-refresh`; the tab that
 *   refreshed broadcasts the new access token before releasing the lock. A tab that got
 *   the lock after waiting for it uses that broadcast instead of refreshing again (and
 *   waits a moment for it, as the lock and the message may arrive in either order).
 * - Sign-in, sign-out and profile changes are broadcast too, so every tab agrees.
 */
export class SessionCoordinator {
  private session: Session | null = null;
  /** Bumped on every change of `session`: lets a waiting refresh see that another tab acted. */
  private generation = 0;
  private inflight: Promise<RefreshOutcome> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiters = new Set<() => void>();
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: CoordinatorOptions) {
    this.now = options.now ?? Date.now;
    options.channel?.addEventListener('message', (event) => this.receive(event.data));
  }

  get current(): Session | null {
    return this.session;
  }

  /** A session from sign-in or sign-up in this tab. */
  signIn(session: Session): void {
    this.adopt(session, 'signin');
    this.post({ type: 'session', session });
  }

  /** Forget the session here and in every other tab. */
  signOut(): void {
    this.adopt(null, 'signout');
    this.post({ type: 'signout' });
  }

  /** The signed-in user changed (profile edit): tell the other tabs. */
  updateUser(user: Session['user']): void {
    if (!this.session) return;
    this.adopt({ ...this.session, user }, 'user');
    this.post({ type: 'user', user });
  }

  /** True when the token is missing or within the refresh lead of expiring. */
  isStale(marginMs = 5_000): boolean {
    return !this.session || this.session.expiresAt - this.now() <= marginMs;
  }

  /**
   * Gets a fresh access token. `staleToken` is the token a request was refused with:
   * when the tab already holds a different, valid one, that one is used as it is.
   */
  refresh(staleToken?: string | null): Promise<RefreshOutcome> {
    const held = this.session;
    if (staleToken && held && held.accessToken !== staleToken && !this.isStale()) {
      return Promise.resolve({ kind: 'session', session: held });
    }
    if (this.inflight) return this.inflight;
    const startGeneration = this.generation;
    this.inflight = this.withLock(async (waited) => {
      if (this.generation !== startGeneration) return this.outcomeOfCurrent();
      if (waited && (await this.waitForChange(startGeneration, this.options.broadcastWaitMs ?? 1_500))) {
        return this.outcomeOfCurrent();
      }
      const outcome = await this.options.fetchRefresh();
      if (outcome.kind === 'session') {
        this.adopt(outcome.session, 'refresh');
        this.post({ type: 'session', session: outcome.session });
      } else if (outcome.kind === 'signedOut') {
        this.adopt(null, outcome.suspension ? 'suspended' : 'expired', outcome.suspension);
        this.post({ type: 'signout', suspension: outcome.suspension });
      } else {
        this.schedule(this.retryDelay());
      }
      return outcome;
    }).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** A hidden tab's timers are throttled: when it is shown again, catch up. */
  wake(): void {
    if (this.session && this.session.expiresAt - this.now() <= this.lead(this.session)) void this.refresh();
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
    this.options.channel?.close();
  }

  private receive(message: SyncMessage): void {
    if (this.closed) return;
    if (message.type === 'session') this.adopt(message.session, 'remote');
    else if (message.type === 'signout') this.adopt(null, message.suspension ? 'suspended' : 'remote', message.suspension);
    else if (message.type === 'user' && this.session) this.adopt({ ...this.session, user: message.user }, 'remote');
  }

  private adopt(session: Session | null, cause: ChangeCause, suspension?: Suspension): void {
    this.session = session;
    this.generation++;
    this.clearTimer();
    if (session) this.schedule(Math.max(1_000, session.expiresAt - this.now() - this.lead(session)));
    for (const wake of this.waiters) wake();
    this.options.onChange(session, cause, suspension);
  }

  private outcomeOfCurrent(): RefreshOutcome {
    return this.session ? { kind: 'session', session: this.session } : { kind: 'signedOut' };
  }

  private lead(session: Session): number {
    const lifetime = session.expiresAt - this.now();
    return Math.min(this.options.refreshLeadMs ?? 60_000, Math.max(0, lifetime / 2));
  }

  private retryDelay(): number {
    const left = this.session ? this.session.expiresAt - this.now() : 0;
    return Math.min(30_000, Math.max(5_000, left / 2));
  }

  private schedule(delay: number): void {
    if (this.closed) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.session) void this.refresh();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private post(message: SyncMessage): void {
    try {
      this.options.channel?.postMessage(message);
    } catch {
      // A closed channel (tab going away) is not worth failing for.
    }
  }

  /** Resolves true as soon as the session changes after `since`, false after `ms`. */
  private waitForChange(since: number, ms: number): Promise<boolean> {
    if (this.generation !== since) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (changed: boolean) => {
        clearTimeout(timeout);
        this.waiters.delete(wake);
        resolve(changed);
      };
      const wake = () => done(true);
      const timeout = setTimeout(() => done(false), ms);
      this.waiters.add(wake);
    });
  }

  /** Runs `work` holding the cross-tab lock; `waited` tells whether another tab held it first. */
  private async withLock<T>(work: (waited: boolean) => Promise<T>): Promise<T> {
    const locks = this.options.locks;
    if (!locks) return work(false); // No Web Locks (insecure origin): one tab at a time is the best we can do.
    const name = this.options.lockName ?? REFRESH_LOCK;
    const busy = Symbol('busy');
    const first = await locks.request(name, { ifAvailable: true }, async (lock) => (lock ? work(false) : busy));
    if (first !== busy) return first as T;
    return locks.request(name, () => work(true));
  }
}
