import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PROJECT_ROOT } from './config.js';

describe('configuration', () => {
  it('names every bad value, one line each', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        JWT_SECRET: 'short',
        MEDIA_STORAGE: 'ftp',
        CALL_RING_TIMEOUT_MS: '5',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'JWT_SECRET', 'MEDIA_STORAGE', 'CALL_RING_TIMEOUT_MS']) {
      expect(problems.filter((p) => p.startsWith(name))).toHaveLength(1);
    }
  });

  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, databaseUrl: null, livekit: null, callRingTimeoutMs: 30_000 });
  });

  it('makes the API exit non-zero at start with the bad value named', async () => {
    const run = promisify(execFile)(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), [join(PROJECT_ROOT, 'api/src/main.ts')], {
      env: { ...process.env, PORT: '99999', DATABASE_URL: '' },
      timeout: 30_000,
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('config: PORT="99999" must be a whole number from 0 to 65535'),
    });
  });
});
