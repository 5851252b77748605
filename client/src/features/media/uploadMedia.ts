import type { MediaFieldsFragment, MediaKind } from '../../gql/graphql';
import { abortedUpload, precheckFile, uploadFailure, UploadError } from './uploadErrors';

export interface UploadOptions {
  kind?: MediaKind;
  altText?: string;
  roomId?: string;
  /** Screenshots: who is where in the picture (User id, face point 0–1). */
  screenshotPeople?: readonly { userId: string; x: number; y: number }[];
  /** 0..1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface TokenSource {
  validToken(): Promise<string | null>;
  tokenAfterRejection(token: string | null): Promise<string | null>;
}

/** One `POST /media` over XMLHttpRequest (fetch cannot report upload progress). */
function send(file: File, token: string | null, options: UploadOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    if (options.kind) form.append('kind', options.kind);
    if (options.altText?.trim()) form.append('altText', options.altText.trim());
    if (options.roomId) form.append('roomId', options.roomId);
    if (options.screenshotPeople?.length) form.append('screenshotPeople', JSON.stringify(options.screenshotPeople));
    form.append('file', file, file.name);
    xhr.open('POST', '/media');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.min(1, event.loaded / event.total));
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => resolve({ status: 0, body: '' });
    xhr.onabort = () => reject(new UploadError(abortedUpload()));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * Uploads an image with the signed-in user's access token (refreshed and retried once when the
 * API says it expired). Resolves with the Media; rejects with an UploadError saying why not.
 */
export async function uploadMedia(file: File, auth: TokenSource, options: UploadOptions = {}): Promise<MediaFieldsFragment> {
  const early = precheckFile(file);
  if (early) throw new UploadError(early);
  let token = await auth.validToken();
  let answer = await send(file, token, options);
  if (answer.status === 401 && token) {
    token = await auth.tokenAfterRejection(token);
    if (token) {
      options.onProgress?.(0);
      answer = await send(file, token, options);
    }
  }
  if (answer.status !== 201) throw new UploadError(uploadFailure(answer.status, answer.body));
  const media = JSON.parse(answer.body) as MediaFieldsFragment;
  return { ...media, __typename: 'Media' };
}
