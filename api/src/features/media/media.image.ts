import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { DomainError, ErrorCode, userError } from '../../kernel/errors.js';

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
/** The longest side accepted, and the most elongated shape: read from the header, before anything is decoded. */
const MAX_SIDE = 12_000;
const MAX_ASPECT = 20;
const DISPLAY_SIZE = 2048;
const THUMB_SIZE = 480;
/** Idle workers exit after this long; the next upload starts one again. */
const IDLE_EXIT_MS = 60_000;
/** What `Retry-After` says when the image queue is full. */
const RETRY_AFTER_SECONDS = 5;

type Format = 'jpeg' | 'png' | 'gif' | 'webp';

/** An upload we refuse; `POST /media` answers it with the HTTP status of its code (see media.routes.ts). */
export class UploadRefused extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    field?: string[] | null,
    /** Seconds for `Retry-After` (a busy server, not a bad image). */
    readonly retryAfterSeconds?: number,
  ) {
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

const FILE = ['file'];
const tooManyPixels = () => new UploadRefused(ErrorCode.TOO_LARGE, `The image is larger than ${MAX_PIXELS / 1_000_000} megapixels.`, FILE);

/**
 * Checks an upload from its header only (nothing is decoded): a supported format by content, at most
 * MAX_SIDE pixels on either side, at most MAX_ASPECT:1 and at most MAX_PIXELS. Refusals throw UploadRefused.
 */
export async function inspectImage(buf: Buffer): Promise<{ width: number; height: number }> {
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
  if (Math.max(width, height) > MAX_SIDE)
    throw new UploadRefused(
      ErrorCode.TOO_LARGE,
      `The image is ${width} × ${height} pixels; each side can be at most ${MAX_SIDE.toLocaleString('en')} pixels.`,
      FILE,
    );
  if (Math.max(width, height) > MAX_ASPECT * Math.min(width, height))
    throw new UploadRefused(
      ErrorCode.INVALID,
      `The image is ${width} × ${height} pixels; it can be at most ${MAX_ASPECT}:1 wide or tall.`,
      FILE,
    );
  if (width * height > MAX_PIXELS) throw tooManyPixels();
  return { width, height };
}

export interface ImagePoolOptions {
  /** Worker threads decoding at once (MEDIA_WORKERS). */
  workers: number;
  /** Images waiting for a worker; more are refused with 503 (MEDIA_QUEUE). */
  queue: number;
  /** Time budget of one image once a worker has it (MEDIA_IMAGE_TIMEOUT_MS). */
  timeoutMs: number;
}

interface Job {
  input: Buffer;
  resolve: (image: ProcessedImage) => void;
  reject: (error: Error) => void;
}

interface WorkerAnswer {
  id?: number;
  ready?: boolean;
  ok?: boolean;
  reason?: 'pixels' | 'timeout' | 'decode';
  display?: { data: Uint8Array; width: number; height: number };
  thumb?: { data: Uint8Array; width: number; height: number };
  blurhash?: string;
}

/** One worker thread of the pool: started lazily, exits when idle, replaced when it overruns a budget. */
class ImageWorker {
  readonly thread: Worker;
  ready = false;
  job: (Job & { id: number; timer: NodeJS.Timeout }) | null = null;
  idle: NodeJS.Timeout | null = null;

  constructor(private readonly pool: ImagePool) {
    this.thread = new Worker(new URL('./media.worker.mjs', import.meta.url));
    this.thread.unref();
    this.thread.on('message', (message: WorkerAnswer) => this.answer(message));
    this.thread.on('error', () => this.pool.lost(this));
    this.thread.on('exit', () => this.pool.lost(this));
  }

  private answer(message: WorkerAnswer): void {
    if (message.ready) {
      this.ready = true;
      return this.pool.next();
    }
    const job = this.job;
    if (!job || message.id !== job.id) return;
    clearTimeout(job.timer);
    this.job = null;
    if (message.ok) {
      const buffer = (part: { data: Uint8Array; width: number; height: number }) => ({
        data: Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength),
        width: part.width,
        height: part.height,
      });
      job.resolve({ display: buffer(message.display!), thumb: buffer(message.thumb!), blurhash: message.blurhash! });
    } else {
      job.reject(refusalFor(message.reason ?? 'decode', this.pool.options.timeoutMs));
    }
    this.pool.next();
  }
}

function refusalFor(reason: 'pixels' | 'timeout' | 'decode', timeoutMs: number): UploadRefused {
  if (reason === 'pixels') return tooManyPixels();
  if (reason === 'timeout')
    return new UploadRefused(
      ErrorCode.TOO_LARGE,
      `The image took too long to process (more than ${timeoutMs / 1000} s). Try a smaller or simpler image.`,
      FILE,
    );
  return new UploadRefused(ErrorCode.UNSUPPORTED_MEDIA, 'The image could not be decoded: it is truncated or damaged.');
}

/**
 * Decodes, resizes and encodes images in a few worker threads with a bounded queue and a time budget per
 * image, so image work never takes more than `workers` of libuv's shared threads (argon2 and the file
 * system need them too) and a slow image cannot hold a worker: sharp's own timeout stops libvips, and a
 * worker that still overruns is terminated and replaced.
 */
export class ImagePool {
  private readonly workers = new Set<ImageWorker>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  /** Images handed to a worker so far (tests check that refused headers never get here). */
  started = 0;

  constructor(readonly options: ImagePoolOptions) {}

  /** Checks the header, then re-encodes in a worker: auto-oriented, no metadata, WebP display + thumbnail + blurhash. */
  async process(input: Buffer): Promise<ProcessedImage> {
    await inspectImage(input);
    if (this.inFlight() >= this.options.workers + this.options.queue)
      throw new UploadRefused(
        ErrorCode.UNAVAILABLE,
        'The server is busy processing other images. Try again in a few seconds.',
        null,
        RETRY_AFTER_SECONDS,
      );
    return new Promise<ProcessedImage>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.next();
    });
  }

  /** Stops every worker (the app's shutdown; idle workers also exit by themselves). */
  async close(): Promise<void> {
    const workers = [...this.workers];
    this.workers.clear();
    for (const job of this.waiting.splice(0)) job.reject(refusalFor('decode', this.options.timeoutMs));
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }

  /** Images waiting or being processed. */
  private inFlight(): number {
    return this.waiting.length + [...this.workers].filter((worker) => worker.job).length;
  }

  /** Hands waiting jobs to ready, free workers; starts workers up to the pool's size. */
  next(): void {
    for (const worker of this.workers) {
      if (!this.waiting.length) break;
      if (!worker.ready || worker.job) continue;
      this.dispatch(worker, this.waiting.shift()!);
    }
    const starting = [...this.workers].filter((worker) => !worker.ready).length;
    if (this.waiting.length > starting && this.workers.size < this.options.workers) this.workers.add(new ImageWorker(this));
    for (const worker of this.workers) this.scheduleIdleExit(worker);
  }

  private dispatch(worker: ImageWorker, job: Job): void {
    const id = this.nextId++;
    this.started++;
    const timer = setTimeout(() => {
      // Over budget: the user gets the answer now; the worker (and whatever libvips still does) goes away.
      job.reject(refusalFor('timeout', this.options.timeoutMs));
      worker.job = null;
      this.retire(worker);
    }, this.options.timeoutMs);
    timer.unref();
    worker.job = { ...job, id, timer };
    worker.thread.postMessage({
      id,
      input: job.input,
      maxPixels: MAX_PIXELS,
      timeoutSeconds: Math.max(1, Math.ceil(this.options.timeoutMs / 1000)),
      displaySize: DISPLAY_SIZE,
      thumbSize: THUMB_SIZE,
    });
  }

  private scheduleIdleExit(worker: ImageWorker): void {
    if (worker.idle) clearTimeout(worker.idle);
    worker.idle = null;
    if (worker.job || this.waiting.length) return;
    worker.idle = setTimeout(() => this.retire(worker), IDLE_EXIT_MS);
    worker.idle.unref();
  }

  private retire(worker: ImageWorker): void {
    if (!this.workers.delete(worker)) return;
    if (worker.idle) clearTimeout(worker.idle);
    void worker.thread.terminate();
    this.next();
  }

  /** A worker died (crash or exit): its job is refused, a new worker takes the rest of the queue. */
  lost(worker: ImageWorker): void {
    const job = worker.job;
    worker.job = null;
    if (job) {
      clearTimeout(job.timer);
      job.reject(refusalFor('decode', this.options.timeoutMs));
    }
    this.retire(worker);
  }
}
