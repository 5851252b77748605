import type { RequestHandler } from 'express';
import type { Config } from '../config.js';

/** `http(s)://host` and `ws(s)://host` of a URL: LiveKit's client opens the WebSocket and, on failure, fetches /rtc/validate. */
function bothSchemes(raw: string): string[] {
  const url = new URL(raw);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return [`${secure ? 'https' : 'http'}://${url.host}`, `${secure ? 'wss' : 'ws'}://${url.host}`];
}

/**
 * The Content-Security-Policy of every answer: exactly what the built client, GraphiQL (scripts and styles served
 * from /graphiql, no inline script), the MediaPipe worker and wasm (`'wasm-unsafe-eval'`, models fetched from 'self')
 * and LiveKit (its configured public URL) need. Framing is refused everywhere (clickjacking).
 */
export function contentSecurityPolicy(config: { livekit: Config['livekit']; media: Pick<Config['media'], 'storage' | 's3'> }): string {
  const connect = ["'self'"];
  if (config.livekit) connect.push(...bothSchemes(config.livekit.publicUrl));
  const img = ["'self'", 'data:', 'blob:'];
  const s3Public = config.media.s3?.publicUrl;
  if (s3Public) img.push(new URL(s3Public).origin);
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    `img-src ${img.join(' ')}`,
    "media-src 'self' blob:",
    // Vue's :style bindings and CodeMirror set styles through the CSSOM, which style-src does not restrict.
    "style-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Security headers on every answer (pages, assets, API): CSP, no framing, no MIME sniffing, same-origin referrers. */
export function securityHeaders(config: Pick<Config, 'livekit' | 'media'>): RequestHandler {
  const csp = contentSecurityPolicy(config);
  return (_req, res, next) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    next();
  };
}
