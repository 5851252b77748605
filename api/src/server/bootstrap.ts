import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { FRIENDSHIP_ENDED, USER_BLOCKED, type FriendshipEndedEvent, type UserBlockedEvent } from '../features/friends/index.js';
import type { ReadinessCheck } from '../http/health.js';
import type { Services } from './compose.js';

/**
 * Background work of a running API, started once the services exist (never from a route factory):
 * the readiness checks (the database makes the API unready; LiveKit is reported on its own) and facechat's ring timers (calls left ringing by a stopped process are
 * re-armed; overdue ones fire at once), presence reconciliation with LiveKit (at start-up, then periodically), and
 * facechat's reactions to friends' events (a block or an unfriending removes the user from rooms and calls they may
 * no longer be in). Returns the function that stops it (the app is closing).
 */
export function startBackgroundWork(deps: {
  orm: MikroORM;
  services: Services;
  log: Logger;
  readiness: Map<string, ReadinessCheck>;
  /** The live-event bus the services publish on (graphql/pubsub.ts). */
  events: EventSource;
  /** PRESENCE_RECONCILE_SECONDS: 0 reconciles only at start-up. */
  presenceReconcileSeconds: number;
}): () => void {
  const { facechat } = deps.services;
  deps.readiness.set('database', async () => {
    const connection = await deps.orm.checkConnection();
    return connection.ok ? { ok: true } : { ok: false, message: connection.reason };
  });
  // Calls are one feature: LiveKit down makes the API `degraded`, not unready.
  deps.readiness.set('livekit', async () => ({ ...(await facechat.livekitStatus()), required: false }));
  facechat.resumeRinging().catch((error) => deps.log.error({ err: error }, 'could not re-arm ring timers'));
  // Presence missed while LiveKit (or this API) was down is corrected at start-up and then every few seconds.
  let reconciling: Promise<void> | null = null;
  const reconcile = () => {
    reconciling ??= facechat.reconcilePresence().finally(() => {
      reconciling = null;
    });
  };
  reconcile();
  const seconds = deps.presenceReconcileSeconds;
  const timer = seconds > 0 ? setInterval(reconcile, seconds * 1000) : null;
  timer?.unref();
  const stopListening = [
    listen<UserBlockedEvent>(deps.events, USER_BLOCKED, (e) => facechat.userBlocked(e.blockerId, e.blockedId), deps.log),
    listen<FriendshipEndedEvent>(deps.events, FRIENDSHIP_ENDED, (e) => facechat.friendshipEnded(e.a, e.b), deps.log),
  ];
  return () => {
    if (timer) clearInterval(timer);
    for (const stop of stopListening) stop();
    facechat.stop();
  };
}

/** What bootstrap needs of the event bus (graphql/pubsub.ts's PubSub; a Redis bus later). */
export interface EventSource {
  listen<T>(topic: string, listener: (payload: T) => void): () => void;
}

/** Runs `handle` for each event of `topic`, one after the other, until the returned function is called; failures are logged. */
function listen<T>(events: EventSource, topic: string, handle: (event: T) => Promise<void>, log: Logger): () => void {
  let queue = Promise.resolve();
  return events.listen<T>(topic, (event) => {
    queue = queue.then(() => handle(event).catch((error) => log.error({ err: error, topic }, 'event handler failed')));
  });
}
