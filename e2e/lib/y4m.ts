/**
 * A fake camera made from a photo: Chromium plays a Y4M file given with
 * --use-file-for-fake-video-capture in a loop, at the file's frame rate.
 *
 * Y4M = a text header, then per frame "FRAME\n" and the raw planes. We write
 * 4:2:0 (C420jpeg: full-range BT.601, chroma sited between the luma samples),
 * which Chromium's file capturer reads. The photo is converted with sharp to raw
 * RGB at the target size first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export interface Y4mOptions {
  width?: number;
  height?: number;
  /** Frames per second written in the header (what the fake camera delivers). */
  fps?: number;
  /** Frames in the file; the camera loops them. */
  frames?: number;
  /**
   * Which part of the photo to keep when its aspect differs: the top keeps a
   * portrait's head and shoulders in a landscape frame.
   */
  position?: 'top' | 'centre';
}

/** Full-range BT.601 RGB → Y, Cb, Cr (what JPEG and C420jpeg use). */
function toYuv(r: number, g: number, b: number): [number, number, number] {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  return [y, cb, cr];
}

/** One 4:2:0 frame (Y plane, then U and V at half resolution, each 2×2 block averaged). */
function rgbToI420(rgb: Uint8Array, width: number, height: number): Buffer {
  const chromaWidth = width >> 1;
  const chromaHeight = height >> 1;
  const frame = Buffer.alloc(width * height + 2 * chromaWidth * chromaHeight);
  const uOffset = width * height;
  const vOffset = uOffset + chromaWidth * chromaHeight;
  const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      frame[y * width + x] = clamp(toYuv(rgb[i], rgb[i + 1], rgb[i + 2])[0]);
    }
  }
  for (let cy = 0; cy < chromaHeight; cy++) {
    for (let cx = 0; cx < chromaWidth; cx++) {
      let cb = 0;
      let cr = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const i = ((2 * cy + dy) * width + 2 * cx + dx) * 3;
        const [, u, v] = toYuv(rgb[i], rgb[i + 1], rgb[i + 2]);
        cb += u;
        cr += v;
      }
      frame[uOffset + cy * chromaWidth + cx] = clamp(cb / 4);
      frame[vOffset + cy * chromaWidth + cx] = clamp(cr / 4);
    }
  }
  return frame;
}

/** The photo as raw RGB at width×height (cover: cropped, never stretched). */
async function photoToRgb(photoPath: string, width: number, height: number, position: Y4mOptions['position'] = 'top'): Promise<Buffer> {
  return sharp(photoPath)
    .rotate() // honour EXIF orientation
    .resize(width, height, { fit: 'cover', position: position === 'top' ? 'top' : 'centre' })
    .removeAlpha()
    .raw()
    .toBuffer();
}

function writeY4m(path: string, frame: Buffer, width: number, height: number, fps: number, frames: number): void {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const marker = Buffer.from('FRAME\n');
  const parts: Buffer[] = [header];
  for (let i = 0; i < frames; i++) parts.push(marker, frame);
  writeFileSync(path, Buffer.concat(parts));
}

/** Writes a Y4M of `frames` identical frames of the photo; returns the RGB it was made from. */
export async function photoToY4m(
  photoPath: string,
  outPath: string,
  options: Y4mOptions = {},
): Promise<{ rgb: Buffer; width: number; height: number }> {
  const { width = 640, height = 480, fps = 20, frames = fps, position = 'top' } = options;
  if (width % 2 || height % 2) throw new Error('4:2:0 needs an even width and height');
  const rgb = await photoToRgb(photoPath, width, height, position);
  writeY4m(outPath, rgbToI420(rgb, width, height), width, height, fps, frames);
  return { rgb, width, height };
}

/**
 * A fake camera showing `photo` (resized to `size`) at `left`,`top` of a white 1280×720 frame, e.g. a face off to one
 * side; written as `${name}.png` and `${name}.y4m` in `dir` at `width`×`height`, 15 fps. Returns the Y4M's path.
 */
export async function photoOnWhiteFrameToY4m(
  photo: string,
  dir: string,
  name: string,
  place: { size: sharp.ResizeOptions; left: number; top: number },
  output: { width: number; height: number },
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const framed = join(dir, `${name}.png`);
  const picture = await sharp(photo).resize(place.size).toBuffer();
  await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#ffffff' } })
    .composite([{ input: picture, left: place.left, top: place.top }])
    .png()
    .toFile(framed);
  const camera = join(dir, `${name}.y4m`);
  await photoToY4m(framed, camera, { ...output, fps: 15, position: 'centre' });
  return camera;
}
