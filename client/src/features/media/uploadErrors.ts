import { describeUserError, type Translator } from '../../composables/describeUserError';

/**
 * Why an upload failed: the API's `code` (`{ message, code, field }` answers of `POST /media`),
 * else the one its HTTP status stands for (answers without a code, older APIs), or one of the
 * client's own: NETWORK (no answer), SERVER (5xx: nothing the user can fix), ABORTED.
 */
export interface UploadFailure {
  code: string;
  /** HTTP status; 0 when no answer came. */
  status: number;
  field: string[] | null;
  /** The API's own `message` (developer text, English), kept as a detail for the curious. */
  serverMessage: string | null;
  /** RATE_LIMITED: seconds until uploading is allowed again (the answer's `retryAfterSeconds`). */
  retryAfterSeconds?: number;
}

/** The API's upload limit (`MAX_UPLOAD_BYTES`): larger files are refused before they are sent. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** The code each status of `POST /media` stands for when the body names none. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'INVALID',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA',
};

/** The media feature's texts for these codes (`media.errors.<CODE>`), tried before the app's. */
export const UPLOAD_ERROR_SCOPES = ['media.errors'] as const;

export class UploadError extends Error {
  constructor(readonly failure: UploadFailure) {
    super(failure.serverMessage ?? `upload failed: ${failure.code}`);
    this.name = 'UploadError';
  }
}

const failure = (code: string, status = 0): UploadFailure => ({ code, status, field: null, serverMessage: null });

/** `{ message, code, field }` of a JSON error body; nulls for anything else (an HTML proxy page, nothing). */
export function errorBodyOf(body: string): { message: string | null; code: string | null; field: string[] | null } {
  try {
    const parsed: unknown = JSON.parse(body);
    const { message, code, field } = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
    return {
      message: typeof message === 'string' && message.trim() ? message.trim() : null,
      code: typeof code === 'string' && /^[A-Z][A-Z_]*$/.test(code) ? code : null,
      field: Array.isArray(field) && field.every((part) => typeof part === 'string') ? field : null,
    };
  } catch {
    return { message: null, code: null, field: null };
  }
}

/** Maps a finished request that did not answer 201 to its failure. */
export function uploadFailure(status: number, body: string): UploadFailure {
  if (status === 0) return failure('NETWORK');
  const parsed = errorBodyOf(body);
  // A 503 UNAVAILABLE (the image queue is full) is worth a retry; any other 5xx is nothing the user can fix.
  if (status >= 500 && !(status === 503 && parsed.code === 'UNAVAILABLE')) return failure('SERVER', status);
  const retryAfterSeconds = retryAfterOf(body);
  return {
    code: parsed.code ?? CODE_BY_STATUS[status] ?? 'INVALID',
    status,
    field: parsed.field,
    serverMessage: parsed.message,
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  };
}

/** The positive `retryAfterSeconds` of a JSON error body, else null. */
function retryAfterOf(body: string): number | null {
  try {
    const value = (JSON.parse(body) as Record<string, unknown> | null)?.retryAfterSeconds;
    return typeof value === 'number' && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export const abortedUpload = (): UploadFailure => failure('ABORTED');
export const networkFailure = (): UploadFailure => failure('NETWORK');

/** A file the API would refuse anyway, checked before a byte is sent; null when it may go. */
export function precheckFile(file: { size: number; type: string }): UploadFailure | null {
  if (file.size > MAX_UPLOAD_BYTES) return failure('TOO_LARGE');
  if (file.type && !file.type.startsWith('image/')) return failure('UNSUPPORTED_MEDIA');
  return null;
}

/**
 * The texts for a failure: the message by its code (describeUserError with the media texts);
 * in other languages than English the API's own words follow as a detail.
 */
export function uploadFailureTexts(failure: UploadFailure, locale: string, t?: Translator): { message: string; detail: string | null } {
  const message = describeUserError(failure, { scopes: UPLOAD_ERROR_SCOPES, t });
  return { message, detail: locale === 'en' ? null : failure.serverMessage };
}
