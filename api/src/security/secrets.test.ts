import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEV_JWT_SECRET, DEV_LIVEKIT_KEY, DEV_LIVEKIT_SECRET, loadConfig, PROJECT_ROOT } from '../config.js';

const OWN_JWT = 'a-production-jwt-secret-of-our-own-0123456789';
const OWN_LK_SECRET = 'a-production-livekit-secret-of-our-own-0123456789';
const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};
const dir = mkdtempSync(join(tmpdir(), 'pp-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('production refuses the public development secrets', () => {
  it('refuses a missing, short or development JWT_SECRET', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^JWT_SECRET is required/)]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toEqual([expect.stringMatching(/^JWT_SECRET must be at least 32/)]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toEqual([
      expect.stringMatching(/^JWT_SECRET is the public development secret/),
    ]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: OWN_JWT })).toEqual([]);
  });

  it('refuses LiveKit without its own keys, or with the development key pair of livekit.yaml', () => {
    const base = { NODE_ENV: 'production', JWT_SECRET: OWN_JWT, LIVEKIT_URL: 'wss://livekit.example.com' };
    expect(problemsOf(base)).toEqual([expect.stringMatching(/^LIVEKIT_API_KEY and LIVEKIT_API_SECRET are required/)]);
    expect(problemsOf({ ...base, LIVEKIT_API_KEY: DEV_LIVEKIT_KEY, LIVEKIT_API_SECRET: DEV_LIVEKIT_SECRET })).toEqual([
      expect.stringMatching(/^LIVEKIT_API_KEY is the public development key/),
      expect.stringMatching(/^LIVEKIT_API_SECRET is the public development secret/),
    ]);
    expect(loadConfig({ ...base, LIVEKIT_API_KEY: 'prodkey', LIVEKIT_API_SECRET: OWN_LK_SECRET }).livekit).toMatchObject({
      apiKey: 'prodkey',
      apiSecret: OWN_LK_SECRET,
    });
    // Without LIVEKIT_URL, production runs with video calls off (nothing signed with public keys).
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: OWN_JWT }).livekit).toBeNull();
    // Development keeps its zero-configuration defaults.
    expect(loadConfig({ LIVEKIT_URL: 'ws://127.0.0.1:7880' }).livekit).toMatchObject({ apiKey: DEV_LIVEKIT_KEY });
  });

  it('the API exits non-zero at start with the development JWT secret in production, naming it', async () => {
    const run = promisify(execFile)(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), [join(PROJECT_ROOT, 'api/src/main.ts')], {
      env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, DATABASE_URL: '' },
      timeout: 30_000,
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('config: JWT_SECRET is the public development secret'),
    });
  });

  it('`npm start` with NODE_ENV=production never hands the development LiveKit keys to LiveKit or the API', async () => {
    // A stand-in LiveKit binary that records the configuration it was given.
    const seen = join(dir, 'livekit-args.txt');
    const fake = join(dir, 'livekit-server');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\nexec sleep 30\n`);
    chmodSync(fake, 0o755);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: OWN_JWT,
      LIVEKIT_BIN: fake,
      LIVEKIT_PORT: '17880',
    };
    delete env.LIVEKIT_URL;
    delete env.LIVEKIT_API_KEY;
    delete env.LIVEKIT_API_SECRET;
    // PORT is invalid on purpose: the API stops right after validating its configuration.
    const run = promisify(execFile)('node', [join(PROJECT_ROOT, 'scripts/start.mjs')], { env: { ...env, PORT: '99999' }, timeout: 30_000 });
    const error = await run.catch((e: { stderr: string }) => e);
    expect(error.stderr).toContain('config: PORT="99999"');
    expect(error.stderr).not.toContain('public development');
    if (existsSync(seen)) expect(readFileSync(seen, 'utf8')).not.toContain(DEV_LIVEKIT_SECRET);

    // With its own key pair, the local LiveKit gets those keys instead of livekit.yaml's.
    rmSync(seen, { force: true });
    const own = { ...env, PORT: '99999', LIVEKIT_API_KEY: 'prodkey', LIVEKIT_API_SECRET: OWN_LK_SECRET };
    const second = await promisify(execFile)('node', [join(PROJECT_ROOT, 'scripts/start.mjs')], { env: own, timeout: 30_000 }).catch(
      (e: { stderr: string }) => e,
    );
    expect(second.stderr).not.toContain('public development');
    const args = readFileSync(seen, 'utf8');
    expect(args).toContain(`prodkey: ${OWN_LK_SECRET}`);
    expect(args).not.toContain(DEV_LIVEKIT_SECRET);
  });
});
