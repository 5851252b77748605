import type { NextFunction, Request, Response } from 'express';

/**
 * Cross-origin access for integrations (a widget on a school's site, a bot's web page): the GraphQL endpoint and
 * uploads answer any origin, but without credentials — the browser then sends no cookie, so only an explicit
 * `Authorization: Bearer …` (a session's or a personal access token) authenticates such a request, and no site can
 * act with a visitor's sign-in (the refresh cookie stays same-site).
 */
export function integrationCors(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Apollo-Require-Preflight');
  res.setHeader('Access-Control-Max-Age', '600');
  res.status(204).end();
}
