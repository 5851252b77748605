import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PROJECT_ROOT, RATE_LIMIT_DEFAULTS } from './config.js';

describe('configuration', () => {
  it('reads rate limits as <count>/<seconds> per rule, with defaults, and names a malformed one', () => {
    const config = loadConfig({ RATE_LIMIT_LOGIN_ACCOUNT_CLIENT: '5/60', RATE_LIMIT_UPLOADS_USER: ' 7/30 ' });
    expect(config.rateLimits.loginAccountClient).toEqual({ points: 5, durationSeconds: 60 });
    expect(config.rateLimits.uploadsUser).toEqual({ points: 7, durationSeconds: 30 });
    expect(config.rateLimits.register).toEqual(RATE_LIMIT_DEFAULTS.register);
    expect(() => loadConfig({ RATE_LIMIT_COMMENTS: 'lots' })).toThrow(/RATE_LIMIT_COMMENTS="lots" must be <count>\/<seconds>/);
    expect(() => loadConfig({ RATE_LIMIT_CHAT_MESSAGES: '0/10' })).toThrow(ConfigError);
  });

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

  it('reads the background jobs knobs, with defaults, and names bad ones', () => {
    expect(loadConfig({}).jobs).toEqual({ prefix: 'pp-enter', cleanupMinutes: 60, uploadOrphanHours: 24, sessionRetentionDays: 30 });
    const set = loadConfig({ JOBS_PREFIX: 'staging', JOBS_CLEANUP_MINUTES: '0', UPLOAD_ORPHAN_HOURS: '2', SESSION_RETENTION_DAYS: '7' });
    expect(set.jobs).toEqual({ prefix: 'staging', cleanupMinutes: 0, uploadOrphanHours: 2, sessionRetentionDays: 7 });
    let error: unknown;
    try {
      loadConfig({ JOBS_PREFIX: 'a:b', JOBS_CLEANUP_MINUTES: '-1', UPLOAD_ORPHAN_HOURS: '0', SESSION_RETENTION_DAYS: 'month' });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems;
    for (const name of ['JOBS_PREFIX', 'JOBS_CLEANUP_MINUTES', 'UPLOAD_ORPHAN_HOURS', 'SESSION_RETENTION_DAYS']) {
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
