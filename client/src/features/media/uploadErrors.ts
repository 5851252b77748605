/** Why an upload failed, as the UI words it (`media.errors.<kind>`). */
type UploadFailureKind = 'network' | 'signIn' | 'tooLarge' | 'notImage' | 'refused' | 'server' | 'aborted';

export interface UploadFailure {
  kind: UploadFailureKind;
  /** HTTP status; 0 when no answer came. */
  status: number;
  /** The API's own `{ message }`, when it sent one. */
  serverMessage: string | null;
}

/** The API's upload limit (`MAX_UPLOAD_BYTES`): larger files are refused before they are sent. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

export class UploadError extends Error {
  constructor(readonly failure: UploadFailure) {
    super(failure.serverMessage ?? `upload failed: ${failure.kind}`);
    this.name = 'UploadError';
  }
}

/** The `message` of a JSON error body, or null for anything else (an HTML proxy page, nothing). */
export function serverMessageOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = parsed && typeof parsed === 'object' ? (parsed as { message?: unknown }).message : null;
    return typeof message === 'string' && message.trim() ? message.trim() : null;
  } catch {
    return null;
  }
}

/** Maps a finished request that did not answer 201 to what the user is told. */
export function uploadFailure(status: number, body: string): UploadFailure {
  const serverMessage = serverMessageOf(body);
  let kind: UploadFailureKind;
  if (status === 0) kind = 'network';
  else if (status === 401) kind = 'signIn';
  else if (status === 413) kind = 'tooLarge';
  else if (status === 415) kind = 'notImage';
  else if (status >= 500) kind = 'server';
  else kind = 'refused';
  return { kind, status, serverMessage: kind === 'server' || kind === 'network' ? null : serverMessage };
}

/** A file the API would refuse anyway, checked before a byte is sent; null when it may go. */
export function precheckFile(file: { size: number; type: string }): UploadFailure | null {
  if (file.size > MAX_UPLOAD_BYTES) return { kind: 'tooLarge', status: 0, serverMessage: null };
  if (file.type && !file.type.startsWith('image/')) return { kind: 'notImage', status: 0, serverMessage: null };
  return null;
}

/**
 * The texts for a failure: English shows the API's own message (it speaks English); other
 * languages show their own wording first and the API's message as a detail.
 */
export function uploadFailureTexts(failure: UploadFailure, locale: string, translate: (key: string) => string): { message: string; detail: string | null } {
  const own = translate(`media.errors.${failure.kind}`);
  if (!failure.serverMessage) return { message: own, detail: null };
  if (locale === 'en') return { message: failure.serverMessage, detail: null };
  return { message: own, detail: failure.serverMessage };
}
