import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { FRIENDSHIP_ENDED, USER_BLOCKED, type FriendshipEndedEvent, type UserBlockedEvent } from '../features/friends/index.js';
import type { ReadinessCheck } from '../http/health.js';
import type { Services } from './compose.js';

/**
 * Background work of a running API, started once the services exist (never from a route factory):
 * the readiness checks (the database makes the API unready; LiveKit is reported on its own) and facechat's ring timers (calls left ringing by a stopped process are
 * re-armed; overdue ones fire at once), and facechat's reactions to friends' events (a block or an unfriending
 * removes the user from rooms and calls they may no longer be in). Returns the function that stops it (the app is closing).
 */
export function startBackgroundWork(deps: {
  orm: MikroORM;
  services: Services;
  log: Logger;
  readiness: Map<string, ReadinessCheck>;
  /** The live-event bus the services publish on (graphql/pubsub.ts). */
  events: EventSource;
}): () => void {
  const { facechat } = deps.services;
  deps.readiness.set('database', async () => {
    const connection = await deps.orm.checkConnection();
    return connection.ok ? { ok: true } : { ok: false, message: connection.reason };
  });
  deps.readiness.set('livekit', () => facechat.livekitStatus());
  facechat.resumeRinging().catch((error) => deps.log.error({ err: error }, 'could not re-arm ring timers'));
  const stopListening = [
    listen<UserBlockedEvent>(deps.events, USER_BLOCKED, (e) => facechat.userBlocked(e.blockerId, e.blockedId), deps.log),
    listen<FriendshipEndedEvent>(deps.events, FRIENDSHIP_ENDED, (e) => facechat.friendshipEnded(e.a, e.b), deps.log),
  ];
  return () => {
    for (const stop of stopListening) stop();
    facechat.stop();
  };
}

/** What bootstrap needs of the event bus: the events of one topic (graphql/pubsub.ts's `subscribe`). */
export interface EventSource {
  subscribe<T>(topic: string, ctx: { freshen(): void }): AsyncGenerator<T>;
}

/** Runs `handle` for each event of `topic`, one after the other, until the returned function is called; failures are logged. */
function listen<T>(events: EventSource, topic: string, handle: (event: T) => Promise<void>, log: Logger): () => void {
  const stream = events.subscribe<T>(topic, { freshen: () => {} });
  void (async () => {
    for await (const event of stream) {
      await handle(event).catch((error) => log.error({ err: error, topic }, 'event handler failed'));
    }
  })();
  return () => void stream.return(undefined);
}
