import express, { type Router } from 'express';

export interface ReadinessResult {
  ok: boolean;
  state?: string;
  message?: string;
  /** False for a dependency the app serves without (LiveKit: calls are one feature): it makes the app `degraded`, not unready. */
  required?: boolean;
}
export type ReadinessCheck = () => Promise<ReadinessResult>;

/**
 * `/readyz`: every dependency's state (`ok`, `down`, `disabled`) and an overall `status`:
 * `ok` (200), `degraded` (200: an optional dependency is down) or `unready` (503: a required one, the database, is down).
 */
export function readinessRouter(checks: Map<string, ReadinessCheck>): Router {
  const router = express.Router();
  router.get('/readyz', async (_req, res) => {
    const entries = await Promise.all(
      [...checks].map(async ([name, check]) => {
        let result: ReadinessResult;
        try {
          result = await Promise.race([
            check(),
            new Promise<ReadinessResult>((r) => setTimeout(() => r({ ok: false, message: 'timed out after 2 s' }), 2000).unref()),
          ]);
        } catch (error) {
          result = { ok: false, message: (error as Error).message };
        }
        return [name, { ...result, state: result.state ?? (result.ok ? 'ok' : 'down'), required: result.required ?? true }] as const;
      }),
    );
    const dependencies = Object.fromEntries(entries);
    // A disabled optional dependency (e.g. LiveKit not configured) is not a fault; one that is down degrades the app.
    const failing = entries.filter(([, r]) => !r.ok && r.state !== 'disabled');
    const ready = failing.every(([, r]) => !r.required);
    const status = !ready ? 'unready' : failing.length ? 'degraded' : 'ok';
    res.status(ready ? 200 : 503).json({ status, dependencies });
  });
  return router;
}
