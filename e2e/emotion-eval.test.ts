import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

// The real pipeline on the labelled photos: MediaPipe Face Landmarker in headless Chromium
// (same model and options as the app), then classifyEmotion. Guards the ≥ 90 % target.
it('recognises the five core emotions on the labelled photos at 90 % or better', async () => {
  const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/eval-emotion.ts'], {
    cwd: ROOT,
    env: { ...process.env, MODELS_DIR: process.env.MODELS_DIR ?? join(ROOT, '../shared/models') },
    timeout: 170_000,
  });
  const core = /Core-5 accuracy[^(]*\([^)]*\):\s*[\d.]+%\s*\((\d+)\/(\d+)\)/.exec(stdout);
  expect(core, stdout).not.toBeNull();
  const [hits, total] = [Number(core![1]), Number(core![2])];
  expect(total).toBeGreaterThanOrEqual(20);
  expect(hits / total, stdout).toBeGreaterThanOrEqual(0.9);
  expect(stdout).toContain('A face was found in every photo.');
}, 180_000);
