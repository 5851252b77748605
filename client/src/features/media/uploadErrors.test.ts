import { describe, expect, it } from 'vitest';
import { precheckFile, serverMessageOf, uploadFailure, uploadFailureTexts, MAX_UPLOAD_BYTES } from './uploadErrors';

describe('upload failures', () => {
  it('maps statuses to what the user is told and keeps the API message', () => {
    const body = JSON.stringify({ message: 'Only JPEG, PNG, WebP and GIF images are accepted.' });
    expect(uploadFailure(415, body)).toEqual({ kind: 'notImage', status: 415, serverMessage: 'Only JPEG, PNG, WebP and GIF images are accepted.' });
    expect(uploadFailure(413, '{"message":"The image can be at most 15 MB."}').kind).toBe('tooLarge');
    expect(uploadFailure(401, '{"message":"Sign in first"}').kind).toBe('signIn');
    expect(uploadFailure(400, '{"message":"Send the image in the field `file`."}')).toMatchObject({ kind: 'refused', serverMessage: 'Send the image in the field `file`.' });
    expect(uploadFailure(403, '').serverMessage).toBeNull();
  });

  it('does not pass on server faults or pages that are not the API’s', () => {
    expect(uploadFailure(500, '{"message":"Something went wrong on our side. Try again."}')).toEqual({ kind: 'server', status: 500, serverMessage: null });
    expect(uploadFailure(502, '<html>Bad gateway</html>')).toMatchObject({ kind: 'server', serverMessage: null });
    expect(uploadFailure(0, '')).toMatchObject({ kind: 'network', serverMessage: null });
    expect(serverMessageOf('<html>')).toBeNull();
    expect(serverMessageOf('{"message":"  "}')).toBeNull();
    expect(serverMessageOf('{"message":42}')).toBeNull();
  });

  it('refuses too large and non-image files before sending', () => {
    expect(precheckFile({ size: MAX_UPLOAD_BYTES + 1, type: 'image/jpeg' })?.kind).toBe('tooLarge');
    expect(precheckFile({ size: 10, type: 'text/plain' })?.kind).toBe('notImage');
    expect(precheckFile({ size: 10, type: 'image/png' })).toBeNull();
    // A type the browser does not know is left to the server.
    expect(precheckFile({ size: 10, type: '' })).toBeNull();
  });

  it('words a failure in the language of the page', () => {
    const t = (key: string) => `[${key}]`;
    const failure = uploadFailure(415, '{"message":"Only JPEG, PNG, WebP and GIF images are accepted."}');
    expect(uploadFailureTexts(failure, 'en', t)).toEqual({ message: 'Only JPEG, PNG, WebP and GIF images are accepted.', detail: null });
    expect(uploadFailureTexts(failure, 'ko', t)).toEqual({ message: '[media.errors.notImage]', detail: 'Only JPEG, PNG, WebP and GIF images are accepted.' });
    expect(uploadFailureTexts(uploadFailure(0, ''), 'en', t)).toEqual({ message: '[media.errors.network]', detail: null });
  });
});
