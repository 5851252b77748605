import { describe, expect, it } from 'vitest';
import { abortedUpload, errorBodyOf, MAX_UPLOAD_BYTES, precheckFile, uploadFailure, uploadFailureTexts } from './uploadErrors';

describe('upload failures', () => {
  it('takes the code of the answer, and keeps the API message as a detail', () => {
    const body = JSON.stringify({
      message: 'Only JPEG, PNG, WebP and GIF images are accepted.',
      code: 'UNSUPPORTED_MEDIA',
      field: ['file'],
    });
    expect(uploadFailure(415, body)).toEqual({
      code: 'UNSUPPORTED_MEDIA',
      status: 415,
      field: ['file'],
      serverMessage: 'Only JPEG, PNG, WebP and GIF images are accepted.',
    });
    expect(uploadFailure(403, '{"message":"Not your room.","code":"FORBIDDEN","field":["roomId"]}')).toMatchObject({
      code: 'FORBIDDEN',
      field: ['roomId'],
    });
    // A code in the body wins over the status.
    expect(uploadFailure(400, '{"message":"slow down","code":"RATE_LIMITED","field":null}').code).toBe('RATE_LIMITED');
  });

  it('falls back on the HTTP status when the answer names no code (an older API)', () => {
    expect(uploadFailure(415, '{"message":"Only JPEG, PNG, WebP and GIF images are accepted."}')).toMatchObject({
      code: 'UNSUPPORTED_MEDIA',
      serverMessage: 'Only JPEG, PNG, WebP and GIF images are accepted.',
    });
    expect(uploadFailure(413, '{"message":"The image can be at most 15 MB."}').code).toBe('TOO_LARGE');
    expect(uploadFailure(401, '{"message":"Sign in first"}').code).toBe('UNAUTHENTICATED');
    expect(uploadFailure(400, '{"message":"Send the image in the field `file`."}')).toMatchObject({
      code: 'INVALID',
      serverMessage: 'Send the image in the field `file`.',
    });
    expect(uploadFailure(403, '')).toMatchObject({ code: 'FORBIDDEN', serverMessage: null });
    expect(uploadFailure(409, '')).toMatchObject({ code: 'INVALID' });
  });

  it('passes on a busy image queue (503 UNAVAILABLE with retry-after) as something to retry, not a server fault', () => {
    const failure = uploadFailure(
      503,
      '{"message":"The server is busy with other images: try again in a few seconds.","code":"UNAVAILABLE","field":null}',
    );
    expect(failure).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
  });

  it('does not pass on server faults or pages that are not the API’s', () => {
    expect(uploadFailure(500, '{"message":"Something went wrong on our side. Try again.","code":"UNAVAILABLE"}')).toEqual({
      code: 'SERVER',
      status: 500,
      field: null,
      serverMessage: null,
    });
    expect(uploadFailure(502, '<html>Bad gateway</html>')).toMatchObject({ code: 'SERVER', serverMessage: null });
    expect(uploadFailure(0, '')).toMatchObject({ code: 'NETWORK', serverMessage: null });
    expect(errorBodyOf('<html>')).toEqual({ message: null, code: null, field: null });
    expect(errorBodyOf('{"message":"  ","code":"lower"}')).toEqual({ message: null, code: null, field: null });
    expect(errorBodyOf('{"message":42,"field":[1]}')).toEqual({ message: null, code: null, field: null });
  });

  it('refuses too large and non-image files before sending', () => {
    expect(precheckFile({ size: MAX_UPLOAD_BYTES + 1, type: 'image/jpeg' })?.code).toBe('TOO_LARGE');
    expect(precheckFile({ size: 10, type: 'text/plain' })?.code).toBe('UNSUPPORTED_MEDIA');
    expect(precheckFile({ size: 10, type: 'image/png' })).toBeNull();
    // A type the browser does not know is left to the server.
    expect(precheckFile({ size: 10, type: '' })).toBeNull();
  });

  it('words a failure by its code in the language of the page', () => {
    const keys = new Set([
      'media.errors.UNSUPPORTED_MEDIA',
      'media.errors.NETWORK',
      'media.errors.ABORTED',
      'errors.FORBIDDEN',
      'errors.unexpected',
    ]);
    const t = { t: (key: string) => `[${key}]`, te: (key: string) => keys.has(key) };
    const failure = uploadFailure(
      415,
      '{"message":"Only JPEG, PNG, WebP and GIF images are accepted.","code":"UNSUPPORTED_MEDIA","field":["file"]}',
    );
    expect(uploadFailureTexts(failure, 'en', t)).toEqual({ message: '[media.errors.UNSUPPORTED_MEDIA]', detail: null });
    expect(uploadFailureTexts(failure, 'ko', t)).toEqual({
      message: '[media.errors.UNSUPPORTED_MEDIA]',
      detail: 'Only JPEG, PNG, WebP and GIF images are accepted.',
    });
    expect(uploadFailureTexts(uploadFailure(0, ''), 'en', t)).toEqual({ message: '[media.errors.NETWORK]', detail: null });
    expect(uploadFailureTexts(abortedUpload(), 'ko', t).message).toBe('[media.errors.ABORTED]');
    expect(uploadFailureTexts(uploadFailure(403, '{"code":"FORBIDDEN"}'), 'ko', t).message).toBe('[errors.FORBIDDEN]');
    expect(uploadFailureTexts(uploadFailure(400, '{"code":"TEAPOT"}'), 'ko', t).message).toBe('[errors.unexpected]');
  });

  it('tells when uploading is allowed again after a 429 with retryAfterSeconds', () => {
    const failed = uploadFailure(429, '{"message":"Too many attempts.","code":"RATE_LIMITED","field":null,"retryAfterSeconds":90}');
    expect(failed).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 90 });
    const t = { t: (key: string, named?: Record<string, unknown>) => `[${key} ${String(named?.n)}]`, te: () => true };
    expect(uploadFailureTexts(failed, 'en', t).message).toBe('[errors.rateLimitedSeconds 90]');
  });
});
