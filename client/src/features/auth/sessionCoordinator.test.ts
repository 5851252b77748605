import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SessionCoordinator,
  type ChannelLike,
  type CoordinatorOptions,
  type LockManagerLike,
  type RefreshOutcome,
  type Session,
  type SyncMessage,
} from './sessionCoordinator';

/** One Web Lock shared by every "tab", granted in request order like the browser's. */
function fakeLocks(): LockManagerLike {
  let tail: Promise<unknown> = Promise.resolve();
  let taken = 0; // Held or waited for: `ifAvailable` is refused then.
  const run = <T>(callback: (lock: unknown) => Promise<T>): Promise<T> => {
    taken++;
    const result = tail.then(async () => {
      try {
        return await callback({ name: 'lock' });
      } finally {
        taken--;
      }
    });
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    request<T>(_name: string, a: unknown, b?: unknown): Promise<T> {
      const callback = (typeof a === 'function' ? a : b) as (lock: unknown) => Promise<T>;
      const ifAvailable = typeof a === 'object' && (a as { ifAvailable?: boolean }).ifAvailable;
      if (ifAvailable && taken > 0) return callback(null);
      return run(callback);
    },
  } as LockManagerLike;
}

/** A BroadcastChannel between tabs whose messages take `delayMs` to arrive. */
function fakeHub(delayMs = 0) {
  const channels = new Set<{ listeners: ((event: { data: SyncMessage }) => void)[] }>();
  return {
    channel(): ChannelLike {
      const self = { listeners: [] as ((event: { data: SyncMessage }) => void)[] };
      channels.add(self);
      return {
        postMessage(message) {
          const data = structuredClone(message);
          for (const other of channels) {
            if (other !== self) setTimeout(() => other.listeners.forEach((l) => l({ data })), delayMs);
          }
        },
        addEventListener(_type, listener) {
          self.listeners.push(listener);
        },
        close() {
          channels.delete(self);
        },
      };
    },
  };
}

const user = { id: 'u1', username: 'mina', displayName: '김민준', email: 'mina@example.com', bio: null, role: 'MEMBER' as const };
let counter = 0;
const session = (ttlMs = 15 * 60_000): Session => ({ accessToken: `token-${++counter}`, expiresAt: Date.now() + ttlMs, user });

const tabs: SessionCoordinator[] = [];
function tab(options: Partial<CoordinatorOptions> & Pick<CoordinatorOptions, 'fetchRefresh'>) {
  const changes: { session: Session | null; cause: string; suspension?: { until: string | null } }[] = [];
  const coordinator = new SessionCoordinator({
    onChange: (s, cause, suspension) => changes.push({ session: s, cause, ...(suspension ? { suspension } : {}) }),
    broadcastWaitMs: 500,
    ...options,
  });
  tabs.push(coordinator);
  return { coordinator, changes };
}

afterEach(() => {
  tabs.splice(0).forEach((t) => t.close());
  vi.useRealTimers();
});

/** A refresh endpoint that takes a little while, as a real one does. */
function server(outcome: () => RefreshOutcome = () => ({ kind: 'session', session: session() }), delayMs = 20) {
  return vi.fn(() => new Promise<RefreshOutcome>((resolve) => setTimeout(() => resolve(outcome()), delayMs)));
}

describe('SessionCoordinator', () => {
  it('shares one refresh between concurrent callers in a tab', async () => {
    const fetchRefresh = server();
    const { coordinator } = tab({ fetchRefresh, locks: fakeLocks() });
    const [a, b, c] = await Promise.all([coordinator.refresh(), coordinator.refresh(), coordinator.refresh()]);
    expect(fetchRefresh).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
    expect(coordinator.current?.accessToken).toBe(a.kind === 'session' ? a.session.accessToken : null);
  });

  it('lets only one of several tabs refresh; the others take the broadcast token', async () => {
    const locks = fakeLocks();
    const hub = fakeHub();
    const fetchRefresh = server();
    const tabsNow = [1, 2, 3].map(() => tab({ fetchRefresh, locks, channel: hub.channel() }).coordinator);
    const outcomes = await Promise.all(tabsNow.map((t) => t.refresh()));
    expect(fetchRefresh).toHaveBeenCalledTimes(1);
    const tokens = outcomes.map((o) => (o.kind === 'session' ? o.session.accessToken : null));
    expect(new Set(tokens).size).toBe(1);
    expect(tabsNow.every((t) => t.current?.accessToken === tokens[0])).toBe(true);
  });

  it('waits for a broadcast that arrives after the lock is released instead of refreshing again', async () => {
    const locks = fakeLocks();
    const hub = fakeHub(60); // The message lands well after the lock changes hands.
    const fetchRefresh = server();
    const a = tab({ fetchRefresh, locks, channel: hub.channel() }).coordinator;
    const b = tab({ fetchRefresh, locks, channel: hub.channel() }).coordinator;
    const [first, second] = await Promise.all([a.refresh(), b.refresh()]);
    expect(fetchRefresh).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
  });

  it('refreshes itself when the tab holding the lock failed to reach the server', async () => {
    const locks = fakeLocks();
    const hub = fakeHub();
    let calls = 0;
    const fetchRefresh = server(() =>
      ++calls === 1 ? { kind: 'failed', error: new Error('offline') } : { kind: 'session', session: session() },
    );
    const a = tab({ fetchRefresh, locks, channel: hub.channel(), broadcastWaitMs: 30 }).coordinator;
    const b = tab({ fetchRefresh, locks, channel: hub.channel(), broadcastWaitMs: 30 }).coordinator;
    const [first, second] = await Promise.all([a.refresh(), b.refresh()]);
    expect(first.kind).toBe('failed');
    expect(second.kind).toBe('session');
    expect(fetchRefresh).toHaveBeenCalledTimes(2);
  });

  it('signs every tab out when the session is over', async () => {
    const hub = fakeHub();
    const fetchRefresh = server(() => ({ kind: 'signedOut' }));
    const a = tab({ fetchRefresh, locks: fakeLocks(), channel: hub.channel() });
    const b = tab({ fetchRefresh, channel: hub.channel() });
    a.coordinator.signIn(session());
    await vi.waitFor(() => expect(b.coordinator.current?.accessToken).toBe(a.coordinator.current?.accessToken));
    expect(await a.coordinator.refresh()).toEqual({ kind: 'signedOut' });
    expect(a.changes.at(-1)).toEqual({ session: null, cause: 'expired' });
    await vi.waitFor(() => expect(b.coordinator.current).toBeNull());
    expect(b.changes.at(-1)?.cause).toBe('remote');
  });

  it('signs every tab out with the suspension when the account was suspended', async () => {
    const hub = fakeHub();
    const suspension = { until: '2031-05-04T12:00:00.000Z' };
    const fetchRefresh = server(() => ({ kind: 'signedOut', suspension }));
    const a = tab({ fetchRefresh, locks: fakeLocks(), channel: hub.channel() });
    const b = tab({ fetchRefresh, channel: hub.channel() });
    a.coordinator.signIn(session());
    await vi.waitFor(() => expect(b.coordinator.current).not.toBeNull());
    await a.coordinator.refresh();
    expect(a.changes.at(-1)).toEqual({ session: null, cause: 'suspended', suspension });
    await vi.waitFor(() => expect(b.changes.at(-1)).toEqual({ session: null, cause: 'suspended', suspension }));
  });

  it('uses the token it already has when a request was refused with an older one', async () => {
    const fetchRefresh = server();
    const { coordinator } = tab({ fetchRefresh });
    const held = session();
    coordinator.signIn(held);
    expect(await coordinator.refresh('an-older-token')).toEqual({ kind: 'session', session: held });
    expect(fetchRefresh).not.toHaveBeenCalled();
    await coordinator.refresh(held.accessToken);
    expect(fetchRefresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes a minute before the token expires, and retries later when offline', async () => {
    vi.useFakeTimers();
    let offline = true;
    const fetchRefresh = vi.fn(async (): Promise<RefreshOutcome> =>
      offline ? { kind: 'failed', error: new Error('offline') } : { kind: 'session', session: session() },
    );
    const { coordinator } = tab({ fetchRefresh });
    const first = session(10 * 60_000);
    coordinator.signIn(first);
    await vi.advanceTimersByTimeAsync(8 * 60_000);
    expect(fetchRefresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000 + 1_000);
    expect(fetchRefresh).toHaveBeenCalledTimes(1);
    expect(coordinator.current).toBe(first); // A failed refresh keeps the session.
    offline = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetchRefresh).toHaveBeenCalledTimes(2);
    expect(coordinator.current?.accessToken).not.toBe(first.accessToken);
  });

  it('shares profile changes and sign-out with the other tabs', async () => {
    const hub = fakeHub();
    const a = tab({ fetchRefresh: server(), channel: hub.channel() });
    const b = tab({ fetchRefresh: server(), channel: hub.channel() });
    a.coordinator.signIn(session());
    await vi.waitFor(() => expect(b.coordinator.current).not.toBeNull());
    a.coordinator.updateUser({ ...user, displayName: '민준' });
    await vi.waitFor(() => expect(b.coordinator.current?.user.displayName).toBe('민준'));
    a.coordinator.signOut();
    expect(a.changes.at(-1)).toEqual({ session: null, cause: 'signout' });
    await vi.waitFor(() => expect(b.coordinator.current).toBeNull());
  });
});
