import Busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { actorFromAuthorization } from '../../http/auth.js';
import { AccessScope, hasScope } from '../../kernel/actor.js';
import { DomainError, ErrorCode, type UserErrorData } from '../../kernel/errors.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { createScope } from '../../kernel/scope.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { MAX_UPLOAD_BYTES, UploadRefused } from './media.image.js';

const FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-t)?\.webp$/;
/** Room for the multipart framing and the small text fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;
/** How much of a refused body is read and thrown away before the connection is cut. */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;
const DISCARD_LIMIT_MS = 10_000;
const TOO_LARGE = `The image can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`;

/** The HTTP status of each error code a refused upload can carry. */
const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.INVALID]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.FULL]: 409,
  [ErrorCode.TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA]: 415,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.UNAVAILABLE]: 503,
  [ErrorCode.QUOTA_EXCEEDED]: 413,
  [ErrorCode.ACCOUNT_SUSPENDED]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.QUERY_TOO_LARGE]: 400,
  [ErrorCode.QUERY_TOO_DEEP]: 400,
  [ErrorCode.QUERY_TOO_COSTLY]: 400,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/** `POST /media` (multipart upload) and `GET /media/<file>` (immutable, long-cached). */
export function mediaRoutes(deps: RouteDeps): Router {
  const { orm, services } = deps;
  const router = Router();

  router.post('/media', async (req: Request, res: Response) => {
    const log = (req as Request & { log?: Logger }).log ?? deps.log;
    try {
      const scope = createScope(orm);
      const actor = await actorFromAuthorization(req.headers.authorization, services, scope.em).catch(() => null);
      if (!actor) throw new UploadRefused(ErrorCode.UNAUTHENTICATED, 'Sign in first: send `Authorization: Bearer <access token>`.');
      if (!hasScope(actor, AccessScope.WRITE_POSTS))
        throw new UploadRefused(ErrorCode.FORBIDDEN, 'This access token lacks the WRITE_POSTS scope.');
      if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
        throw new UploadRefused(ErrorCode.UNSUPPORTED_MEDIA, 'Send the image as multipart/form-data in the field `file`.');
      }
      if (Number(req.headers['content-length']) > MAX_UPLOAD_BYTES + ENVELOPE_BYTES)
        throw new UploadRefused(ErrorCode.TOO_LARGE, TOO_LARGE);
      await services.media.admitUpload(actor, req.ip ?? 'unknown');
      const { file, fields } = await readForm(req);
      if (!file) throw new UploadRefused(ErrorCode.INVALID, 'Send the image in the field `file`.', ['file']);
      // A room's global id becomes its raw id; anything else goes on as sent and the service refuses it.
      const roomId = fields.roomId ? (fromGlobalId(fields.roomId, 'FacechatRoom') ?? fields.roomId) : null;
      const { kind, altText, screenshotPeople } = fields;
      const media = await services.media.upload(actor, scope.em, { file, kind, altText, roomId, screenshotPeople });
      res.status(201).json(services.media.toJson(media));
    } catch (error) {
      if (error instanceof DomainError) {
        const body = errorBody(error);
        const retryAfter = body.retryAfterSeconds ?? (error instanceof UploadRefused ? error.retryAfterSeconds : undefined);
        if (retryAfter) res.setHeader('retry-after', String(retryAfter));
        return refuse(req, res, STATUS[error.code] ?? 400, body);
      }
      log.error({ err: error }, 'media upload failed');
      refuse(req, res, 500, { message: 'Something went wrong on our side. Try again.' });
    }
  });

  router.get('/media/:file', async (req: Request, res: Response) => {
    const file = String(req.params.file);
    const found = FILE_NAME.test(file) ? await services.media.storage.get(file) : null;
    if (!found) return void res.status(404).json({ message: 'Not found' });
    res.setHeader('content-type', found.contentType);
    if (found.size !== undefined) res.setHeader('content-length', String(found.size));
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'");
    if (req.method === 'HEAD') return void (found.body.destroy(), res.end());
    found.body.on('error', () => res.destroy());
    found.body.pipe(res);
  });

  return router;
}

/** The JSON of a refused upload: `{ message, code, field }` (+ `retryAfterSeconds` when RATE_LIMITED; the first problem). */
function errorBody(error: DomainError): UserErrorData {
  const first = error.errors[0];
  const body: UserErrorData = { message: first?.message ?? error.message, code: error.code, field: first?.field ?? null };
  if (first?.retryAfterSeconds) body.retryAfterSeconds = first.retryAfterSeconds;
  return body;
}

/**
 * Answers an error while the client may still be sending. The rest of the body is no longer
 * parsed or kept; it is discarded as it arrives (so the client, still writing, can read the
 * answer instead of a reset), and the connection is cut if it keeps sending for long.
 */
function refuse(req: Request, res: Response, status: number, body: UserErrorData | { message: string }): void {
  if (res.headersSent) return void res.destroy();
  if (!req.complete) {
    req.unpipe();
    let discarded = 0;
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT_BYTES) req.socket.destroy();
    });
    req.resume();
    setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, DISCARD_LIMIT_MS).unref();
  }
  res.status(status).json(body);
}

interface Form {
  file: Buffer | null;
  fields: { kind?: string; altText?: string; roomId?: string; screenshotPeople?: string };
}

/** Reads the multipart body; the file is kept in memory (15 MB at most, checked while it streams). */
function readForm(req: Request): Promise<Form> {
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: req.headers, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12 } });
    } catch {
      return reject(new UploadRefused(ErrorCode.INVALID, 'The multipart body could not be read.'));
    }
    const form: Form = { file: null, fields: {} };
    let failed = false;
    const fail = (error: UploadRefused) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      reject(error);
    };
    let pending: Promise<void> = Promise.resolve();
    bb.on('file', (name, stream) => {
      if (name !== 'file' || form.file) return void stream.resume();
      const chunks: Buffer[] = [];
      let size = 0;
      pending = new Promise((done) => {
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          chunks.push(chunk);
        });
        stream.on('limit', () => {
          chunks.length = 0;
          fail(new UploadRefused(ErrorCode.TOO_LARGE, TOO_LARGE));
        });
        stream.on('close', () => {
          if (!failed) form.file = Buffer.concat(chunks, size);
          done();
        });
      });
    });
    bb.on('field', (name, value) => {
      if (name === 'kind' || name === 'altText' || name === 'roomId' || name === 'screenshotPeople') form.fields[name] = value;
    });
    bb.on('partsLimit', () => fail(new UploadRefused(ErrorCode.INVALID, 'Too many parts in the form.')));
    bb.on('filesLimit', () => fail(new UploadRefused(ErrorCode.INVALID, 'Send one file per upload.')));
    bb.on('fieldsLimit', () => fail(new UploadRefused(ErrorCode.INVALID, 'Too many fields in the form.')));
    bb.on('error', () => fail(new UploadRefused(ErrorCode.INVALID, 'The multipart body could not be read.')));
    bb.on(
      'close',
      () =>
        void pending.then(() => {
          if (!failed) resolve(form);
        }),
    );
    req.on('aborted', () => fail(new UploadRefused(ErrorCode.INVALID, 'The upload was interrupted.')));
    req.pipe(bb);
  });
}
