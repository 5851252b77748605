import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { FRIENDSHIP_ENDED, USER_BLOCKED, type FriendshipEndedEvent, type UserBlockedEvent } from '../features/friends/index.js';
import { CALL_DEPARTURE_JOB, RING_TIMEOUT_JOB } from '../features/facechat/calls.transitions.js';
import type { ReadinessCheck } from '../http/health.js';
import type { Config } from '../config.js';
import { createScope } from '../kernel/scope.js';
import type { Services } from './compose.js';

/** Periodic jobs (kernel/jobs.ts): one run per period across all instances. */
export const PRESENCE_RECONCILE_JOB = 'presence-reconcile';
export const UPLOAD_CLEANUP_JOB = 'upload-cleanup';
export const SESSION_PRUNE_JOB = 'session-prune';

/**
 * Background work of a running API, started once the services exist (never from a route factory):
 * the readiness checks (the database makes the API unready; LiveKit is reported on its own); the jobs (services.jobs):
 * facechat's ring time-outs (calls still ringing are scheduled again, idempotently; overdue ones run at once),
 * presence reconciliation with LiveKit (at start-up here, then as a periodic job), the clean-up of unattached uploads
 * and the pruning of ended sessions; and facechat's reactions to friends' events (a block or an unfriending removes
 * the user from rooms and calls they may no longer be in). Returns the function that stops it (the app is closing).
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
  jobs: Config['jobs'];
}): () => Promise<void> {
  const { facechat, jobs, media, accounts } = deps.services;
  deps.readiness.set('database', async () => {
    const connection = await deps.orm.checkConnection();
    return connection.ok ? { ok: true } : { ok: false, message: connection.reason };
  });
  // Calls are one feature: LiveKit down makes the API `degraded`, not unready.
  deps.readiness.set('livekit', async () => ({ ...(await facechat.livekitStatus()), required: false }));
  const newEm = () => createScope(deps.orm).em;
  const jobsLog = deps.log.child({ component: 'jobs' });
  jobs.handle<{ callId: string }>(RING_TIMEOUT_JOB, ({ callId }) => facechat.ringTimeout(callId));
  jobs.handle<{ roomId: string }>(CALL_DEPARTURE_JOB, ({ roomId }) => facechat.departureCheck(roomId));
  jobs.handle(PRESENCE_RECONCILE_JOB, () => facechat.reconcilePresence());
  jobs.handle(UPLOAD_CLEANUP_JOB, async () => {
    const deleted = await media.deleteUnattached(newEm(), deps.jobs.uploadOrphanHours, jobsLog);
    if (deleted) jobsLog.info({ deleted }, 'unattached uploads deleted');
  });
  jobs.handle(SESSION_PRUNE_JOB, async () => {
    const deleted = await accounts.pruneSessions(newEm(), deps.jobs.sessionRetentionDays);
    if (deleted) jobsLog.info({ deleted }, 'ended sessions deleted');
  });
  const cleanupMs = deps.jobs.cleanupMinutes * 60_000;
  // Presence missed while LiveKit (or this API) was down is corrected at start-up and then every few seconds.
  const started = Promise.all([
    jobs.every(PRESENCE_RECONCILE_JOB, deps.presenceReconcileSeconds * 1000),
    jobs.every(UPLOAD_CLEANUP_JOB, cleanupMs),
    jobs.every(SESSION_PRUNE_JOB, cleanupMs),
    jobs.start(),
  ])
    .then(() => facechat.resumeRinging())
    .catch((error) => deps.log.error({ err: error }, 'could not start the background jobs'));
  const reconciling = facechat.reconcilePresence();
  const stopListening = [
    listen<UserBlockedEvent>(deps.events, USER_BLOCKED, (e) => facechat.userBlocked(e.blockerId, e.blockedId), deps.log),
    listen<FriendshipEndedEvent>(deps.events, FRIENDSHIP_ENDED, (e) => facechat.friendshipEnded(e.a, e.b), deps.log),
  ];
  return async () => {
    for (const stop of stopListening) stop();
    await Promise.allSettled([started, reconciling]);
    await jobs.close();
  };
}

/** What bootstrap needs of the event bus (graphql/pubsub.ts's PubSub, in memory or over Redis). */
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
