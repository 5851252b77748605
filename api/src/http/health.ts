import express, { type Router } from 'express';

export type ReadinessCheck = () => Promise<{ ok: boolean; state?: string; message?: string }>;

/** `/readyz`: every dependency's state; 200 only when every required one is ok. */
export function readinessRouter(checks: Map<string, ReadinessCheck>): Router {
  const router = express.Router();
  router.get('/readyz', async (_req, res) => {
    const entries = await Promise.all(
      [...checks].map(async ([name, check]) => {
        try {
          const result = await Promise.race([
            check(),
            new Promise<{ ok: boolean; state?: string; message?: string }>((r) =>
              setTimeout(() => r({ ok: false, message: 'timed out after 2 s' }), 2000).unref(),
            ),
          ]);
          return [name, { state: result.state ?? (result.ok ? 'ok' : 'down'), ...result }] as const;
        } catch (error) {
          return [name, { ok: false, state: 'down', message: (error as Error).message }] as const;
        }
      }),
    );
    const dependencies = Object.fromEntries(entries);
    // A disabled optional dependency (e.g. LiveKit not configured) does not make the app unready.
    const ready = entries.every(([, r]) => r.ok || r.state === 'disabled');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unready', dependencies });
  });
  return router;
}
