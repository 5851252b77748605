import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const TOOLS_BIN = join(ROOT, '.tools/bin');
export const LIVEKIT_TOOL = join(TOOLS_BIN, 'livekit-server');
export const LIVEKIT_VERSION = 'v1.13.5';

/** `name` on PATH, or null. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** The LiveKit server binary: $LIVEKIT_BIN, then .tools/bin, then PATH. */
export function findLivekitBinary() {
  if (process.env.LIVEKIT_BIN && existsSync(process.env.LIVEKIT_BIN)) return process.env.LIVEKIT_BIN;
  if (existsSync(LIVEKIT_TOOL)) return LIVEKIT_TOOL;
  return which('livekit-server');
}
