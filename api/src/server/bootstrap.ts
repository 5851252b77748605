import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { ReadinessCheck } from '../http/health.js';
import type { Services } from './compose.js';

/**
 * Background work of a running API, started once the services exist (never from a route factory):
 * the readiness checks (the database makes the API unready; LiveKit is reported on its own) and facechat's ring timers (calls left ringing by a stopped process are
 * re-armed; overdue ones fire at once). Returns the function that stops it (the app is closing).
 */
export function startBackgroundWork(deps: {
  orm: MikroORM;
  services: Services;
  log: Logger;
  readiness: Map<string, ReadinessCheck>;
}): () => void {
  const { facechat } = deps.services;
  deps.readiness.set('database', async () => {
    const connection = await deps.orm.checkConnection();
    return connection.ok ? { ok: true } : { ok: false, message: connection.reason };
  });
  deps.readiness.set('livekit', () => facechat.livekitStatus());
  facechat.resumeRinging().catch((error) => deps.log.error({ err: error }, 'could not re-arm ring timers'));
  return () => facechat.stop();
}
