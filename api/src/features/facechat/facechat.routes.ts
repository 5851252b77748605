import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { RouteDeps } from '../../http/route-deps.js';

/**
 * `POST /livekit/webhook`: LiveKit's signed webhooks (participant_joined, participant_left, room_finished) keep
 * room presence what LiveKit sees. The body is read raw: the signature (Authorization header, a JWT signed with
 * the API secret carrying the body's sha256) covers the exact bytes. Missing, forged or stale signature, or an event
 * created more than 5 minutes ago → 401, nothing changes. An event id already applied (a replay or LiveKit's retry)
 * answers 200 and changes nothing.
 */
export function facechatRoutes(deps: Pick<RouteDeps, 'services' | 'log'>): Router {
  const {
    services: { facechat },
    log,
  } = deps;
  const router = Router();
  router.post('/livekit/webhook', express.raw({ type: '*/*', limit: '256kb' }), async (req: Request, res: Response) => {
    const reqLog = (req as Request & { log?: Logger }).log ?? log;
    if (!facechat.webhooksEnabled) return void res.status(503).json({ message: 'LiveKit is not configured on this server.' });
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    let event;
    try {
      event = await facechat.verifyWebhook(body, req.headers.authorization);
    } catch (error) {
      reqLog.warn({ reason: (error as Error).message }, 'LiveKit webhook refused');
      return void res.status(401).json({ message: 'The webhook signature is missing, forged or stale.' });
    }
    try {
      await facechat.applyWebhook(event);
      res.json({ ok: true });
    } catch (error) {
      reqLog.error({ err: error, event: event.event }, 'LiveKit webhook failed');
      res.status(500).json({ message: 'Something went wrong on our side.' });
    }
  });
  return router;
}
