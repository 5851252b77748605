import sharp from 'sharp';
import { forbidden } from '../../kernel/errors.js';
import type { TestStack } from '../../test/stack.js';
import { MediaRepository } from './media.repository.js';
import { MediaService, type ScreenshotPolicy } from './media.service.js';

export interface UploadResult {
  status: number;
  body: any;
}

/** `POST /media` over real HTTP with multipart/form-data. */
export async function upload(
  stack: { baseUrl: string },
  token: string | null,
  file: Buffer | null,
  fields: Record<string, string> = {},
  filename = 'photo.jpg',
  type = 'image/jpeg',
  extraHeaders: Record<string, string> = {},
): Promise<UploadResult> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file)], { type }), filename);
  const headers: Record<string, string> = { ...extraHeaders, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(`${stack.baseUrl}/media`, { method: 'POST', headers, body: form });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

/** A small real JPEG. */
export function jpeg(width = 64, height = 48, color = { r: 200, g: 40, b: 90 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
}

/** Uploads a fresh image and returns its global Media id. */
export async function uploadMedia(stack: { baseUrl: string }, token: string, fields: Record<string, string> = {}): Promise<string> {
  const res = await upload(stack, token, await jpeg(), fields);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function mediaRows(stack: TestStack): Promise<number> {
  const [row] = await stack.orm.em.fork().getConnection().execute('select count(*)::int as n from media');
  return row.n;
}

/** A policy that lets nobody store a screenshot (what the app did before any feature gave media its rules). */
export const NO_SCREENSHOTS: ScreenshotPolicy = {
  assertMayCapture: async () => {
    throw forbidden('Screenshots cannot be stored right now.');
  },
  recorded: async () => {
    throw new Error('no screenshot can be recorded');
  },
  participantIds: async () => [],
};

/**
 * Gives the running stack a media service with `screenshots` as its screenshot rules (the others as built
 * by compose.ts). Routes and resolvers look `services.media` up per request, so the next upload uses it.
 */
export function useScreenshotPolicy(stack: TestStack, screenshots: ScreenshotPolicy): void {
  const { services } = stack.app;
  services.media = new MediaService({
    config: stack.config,
    storage: services.media.storage,
    images: services.media.images,
    repository: new MediaRepository(),
    screenshots,
    rateLimits: services.rateLimits,
  });
}
