import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { ReadinessCheck } from '../http/health.js';
import type { Services } from './compose.js';

/**
 * Background work of a running API, started once the services exist (never from a route factory):
 * the readiness checks (the database makes the API unready; LiveKit is reported on its own) and facechat's ring timers (calls left ringing by a stopped process are
 * re-armed; overdue ones fire at once) and presence reconciliation with LiveKit (at start-up, then periodically). Returns the function that stops it (the app is closing).
 */
export function startBackgroundWork(deps: {
  orm: MikroORM;
  services: Services;
  log: Logger;
  readiness: Map<string, ReadinessCheck>;
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
  return () => {
    if (timer) clearInterval(timer);
    facechat.stop();
  };
}
