// The decode/resize/encode half of an upload, run in one of ImagePool's worker threads (media.image.ts).
// Plain JavaScript on purpose: a worker thread is a fresh Node context without the TypeScript loader in tests.
// Protocol: the pool posts { id, input: Uint8Array, maxPixels, timeoutSeconds, displaySize, thumbSize };
// the worker answers { id, ok: true, display, thumb, blurhash } or { id, ok: false, reason: 'pixels' | 'timeout' | 'decode' }.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const sharp = require('sharp');
const { encode } = require('blurhash');

async function processImage({ input, maxPixels, timeoutSeconds, displaySize, thumbSize }) {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const display = await sharp(buf, { pages: 1, limitInputPixels: maxPixels, sequentialRead: true, failOn: 'truncated' })
    .timeout({ seconds: timeoutSeconds })
    .rotate()
    .resize({ width: displaySize, height: displaySize, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
  const thumb = await sharp(display.data)
    .timeout({ seconds: timeoutSeconds })
    .resize({ width: thumbSize, height: thumbSize, fit: 'inside', withoutEnlargement: true })
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
}

parentPort.on('message', (job) => {
  processImage(job).then(
    (result) => parentPort.postMessage({ id: job.id, ok: true, ...result }),
    (error) => {
      const text = String(error && error.message);
      const reason = /pixel limit/i.test(text) ? 'pixels' : /timeout/i.test(text) ? 'timeout' : 'decode';
      parentPort.postMessage({ id: job.id, ok: false, reason });
    },
  );
});
parentPort.postMessage({ ready: true });
