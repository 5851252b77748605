import sharp from 'sharp';
import { encode } from 'blurhash';
import { DomainError, ErrorCode, userError } from '../../kernel/errors.js';

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const DISPLAY_SIZE = 2048;
const THUMB_SIZE = 480;

type Format = 'jpeg' | 'png' | 'gif' | 'webp';

/** An upload we refuse; `POST /media` answers it with the HTTP status of its code (see media.routes.ts). */
export class UploadRefused extends DomainError {
  constructor(code: ErrorCode, message: string, field?: string[] | null) {
    super(userError(code, message, field));
  }
}

/** The format by content (magic bytes), whatever the file is called or claims to be. */
function sniffFormat(buf: Buffer): Format | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.subarray(0, 6).toString('latin1'))) return 'gif';
  if (buf.length >= 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'webp';
  return null;
}

export interface ProcessedImage {
  display: { data: Buffer; width: number; height: number };
  thumb: { data: Buffer; width: number; height: number };
  blurhash: string;
}

/**
 * Checks and re-encodes an upload: auto-oriented, every metadata block (EXIF, GPS, ICC, XMP)
 * dropped, a WebP of at most DISPLAY_SIZE on the longest side, a thumbnail and a blurhash.
 * GIFs keep their first frame. Refusals throw UploadRefused; nothing here answers 500 for bad input.
 */
export async function processImage(buf: Buffer): Promise<ProcessedImage> {
  const format = sniffFormat(buf);
  if (!format) throw new UploadRefused(ErrorCode.UNSUPPORTED_MEDIA, 'Only JPEG, PNG, WebP and GIF images are accepted.');
  let meta: sharp.Metadata;
  try {
    meta = await sharp(buf, { pages: 1, limitInputPixels: false }).metadata();
  } catch {
    throw new UploadRefused(ErrorCode.UNSUPPORTED_MEDIA, 'The image could not be read: it is damaged or not really an image.');
  }
  if (meta.format !== format)
    throw new UploadRefused(ErrorCode.UNSUPPORTED_MEDIA, 'The image could not be read: its content does not match its format.');
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !height) throw new UploadRefused(ErrorCode.UNSUPPORTED_MEDIA, 'The image has no size.');
  if (width * height > MAX_PIXELS)
    throw new UploadRefused(ErrorCode.TOO_LARGE, `The image is larger than ${MAX_PIXELS / 1_000_000} megapixels.`);

  try {
    const display = await sharp(buf, { pages: 1, limitInputPixels: MAX_PIXELS, failOn: 'truncated' })
      .timeout({ seconds: 30 })
      .rotate()
      .resize({ width: DISPLAY_SIZE, height: DISPLAY_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(display.data)
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    const tiny = await sharp(thumb.data)
      .resize({ width: 32, height: 32, fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const blurhash = encode(new Uint8ClampedArray(tiny.data), tiny.info.width, tiny.info.height, 4, 3);
    return {
      display: { data: display.data, width: display.info.width, height: display.info.height },
      thumb: { data: thumb.data, width: thumb.info.width, height: thumb.info.height },
      blurhash,
    };
  } catch (error) {
    if (/pixel limit/i.test(String((error as Error).message)))
      throw new UploadRefused(ErrorCode.TOO_LARGE, `The image is larger than ${MAX_PIXELS / 1_000_000} megapixels.`);
    throw new UploadRefused(ErrorCode.UNSUPPORTED_MEDIA, 'The image could not be decoded: it is truncated or damaged.');
  }
}
