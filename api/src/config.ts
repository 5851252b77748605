import { resolve } from 'node:path';
import type { RateLimitsConfig, RateRule } from './kernel/rate-limit.js';

/** Everything the API reads from the environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /**
   * REDIS_URL: live events, durable jobs and shared state go through this Redis, so several API instances can run
   * behind one load balancer. Unset: one process, everything in memory (what `npm start` runs).
   */
  redisUrl: string | null;
  /** MIGRATE_ON_START (default true): apply pending migrations at start, under a transaction-scoped lock. */
  migrateOnStart: boolean;
  jwtSecret: string;
  /** Public origin of the app, used for absolute URLs (media, LiveKit). */
  publicUrl: string;
  livekit: { url: string; publicUrl: string; apiKey: string; apiSecret: string } | null;
  modelsDir: string;
  clientDist: string;
  logLevel: string;
  cookieSecure: boolean;
  callRingTimeoutMs: number;
  /** How long a call waits for someone whose connection dropped to come back before counting who is left. */
  callRejoinGraceMs: number;
  /** Per-user / per-client limits (env `RATE_LIMIT_<RULE>=<count>/<seconds>`; see RATE_LIMIT_DEFAULTS). */
  rateLimits: RateLimitsConfig;
  /** Extra wait per sign-in failure on one account beyond `rateLimits.loginAccount` (any client), capped at 10 s. */
  loginSlowdownStepMs: number;
  /** How often presence (`room_presence`) is reconciled with LiveKit's participants; 0: only at start-up. */
  presenceReconcileSeconds: number;
  /** E-mail (verification, password reset, sign-in notices). */
  mail: {
    /** SMTP_URL (`smtp://user:pass@host:port`, `smtps://…`); unset: messages only go to the log (console transport). */
    smtpUrl: string | null;
    /** MAIL_FROM: the sender, e.g. `PP-ENTER <no-reply@example.com>`. */
    from: string;
    /** NODE_ENV=production without SMTP_URL: allowed, but nobody receives mail (a warning at start). */
    logOnlyInProduction: boolean;
  };
  /** Background jobs (server/jobs/): BullMQ on `redisUrl`, timers of this process without it. */
  jobs: {
    /** JOBS_PREFIX (default `pp-enter`): Redis key prefix of the job queue, so deployments may share one Redis. */
    prefix: string;
    /** JOBS_CLEANUP_MINUTES (default 60): how often the upload clean-up and session pruning run; 0 never. */
    cleanupMinutes: number;
    /** UPLOAD_ORPHAN_HOURS (default 24): an upload attached to no post or avatar after this long is deleted. */
    uploadOrphanHours: number;
    /** SESSION_RETENTION_DAYS (default 30): sessions revoked or expired this long ago are deleted. */
    sessionRetentionDays: number;
  };
  media: {
    storage: 'local' | 's3';
    /** Worker threads decoding images at once (MEDIA_WORKERS, default 2). */
    workers: number;
    /** Images waiting for a worker before uploads are refused with 503 (MEDIA_QUEUE, default 8). */
    queue: number;
    /** Time budget of one image's decode/resize/encode (MEDIA_IMAGE_TIMEOUT_MS, default 20 s). */
    imageTimeoutMs: number;
    /** Storage per user for uploaded images, counted from `media.bytes` (MEDIA_QUOTA_BYTES, default 500 MiB). */
    quotaBytes: number;
    s3?: { bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string; publicUrl?: string };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Default limits: `points` events per `durationSeconds`, per key. Env overrides: `RATE_LIMIT_REGISTER=5/3600`,
 * `RATE_LIMIT_LOGIN_ACCOUNT_CLIENT=…`, one variable per rule (the rule name in UPPER_SNAKE_CASE).
 */
export const RATE_LIMIT_DEFAULTS: RateLimitsConfig = {
  /** Accounts created per client address. */
  register: { points: 5, durationSeconds: 3600 },
  /** Failed sign-ins per (account, client address): then that pair waits for the window, the right password included. */
  loginAccountClient: { points: 10, durationSeconds: 900 },
  /** Failed sign-ins per client address, whatever the account. */
  loginClient: { points: 100, durationSeconds: 900 },
  /** Failed sign-ins per account from all clients before each further attempt is slowed down (never refused). */
  loginAccount: { points: 20, durationSeconds: 900 },
  friendRequests: { points: 30, durationSeconds: 3600 },
  chatMessages: { points: 30, durationSeconds: 10 },
  comments: { points: 20, durationSeconds: 60 },
  uploadsUser: { points: 30, durationSeconds: 600 },
  uploadsClient: { points: 60, durationSeconds: 600 },
  /** Reports filed per user (moderation). */
  reports: { points: 10, durationSeconds: 3600 },
  /** Password-reset mails per address asked for (more requests get the same answer but no mail). */
  passwordResetEmail: { points: 3, durationSeconds: 3600 },
  /** Password-reset requests per client address, whatever the address asked for. */
  passwordResetClient: { points: 20, durationSeconds: 3600 },
  /** Verification mails re-sent per user. */
  verificationEmail: { points: 5, durationSeconds: 3600 },
  /** Direct messages sent per user (like in-room chat). */
  directMessages: { points: 30, durationSeconds: 10 },
  /** Conversations started per user (returning an existing 1:1 counts too). */
  conversationStarts: { points: 30, durationSeconds: 3600 },
  /** `setTyping` calls per user: clients repeat `typing: true` every few seconds while typing. */
  typingSignals: { points: 60, durationSeconds: 60 },
};

const envName = (rule: RateRule) => `RATE_LIMIT_${rule.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

const ROOT = resolve(import.meta.dirname, '../..');

/** Dev-only LiveKit keys, matching livekit.yaml; real deployments set their own (refused when NODE_ENV=production). */
export const DEV_LIVEKIT_KEY = 'devkey';
export const DEV_LIVEKIT_SECRET = 'pp-enter-dev-secret-change-me-0123456789';
/** Dev-only JWT secret used when JWT_SECRET is unset; refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'pp-enter-dev-jwt-secret-not-for-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, fallback: string | null, protocols: string[]): string | null => {
    const raw = env[name];
    if (!raw) return fallback;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error();
      return raw;
    } catch {
      problems.push(`${name}=${JSON.stringify(raw)} must be a URL starting with ${protocols.join(' or ')}//`);
      return fallback;
    }
  };

  const port = int('PORT', 4000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const databaseUrl = url('DATABASE_URL', null, ['postgres:', 'postgresql:']);
  const redisUrl = url('REDIS_URL', null, ['redis:', 'rediss:']);
  const migrateOnStart = (env.MIGRATE_ON_START ?? 'true') !== 'false';
  if (!['true', 'false', undefined].includes(env.MIGRATE_ON_START)) problems.push('MIGRATE_ON_START must be true or false');
  // In production every secret must be the deployment's own: the development defaults are public (this file,
  // livekit.yaml), so anyone could sign sessions or LiveKit webhooks with them.
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET || DEV_JWT_SECRET;
  if (env.JWT_SECRET && env.JWT_SECRET.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (production && !env.JWT_SECRET) problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (production && env.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET is the public development secret: set a random one of your own when NODE_ENV=production');
  }
  const publicUrl = url('PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'])!;

  const lkUrl = url('LIVEKIT_URL', null, ['ws:', 'wss:', 'http:', 'https:']);
  const lkKey = env.LIVEKIT_API_KEY;
  const lkSecret = env.LIVEKIT_API_SECRET;
  if ((lkKey && !lkSecret) || (!lkKey && lkSecret)) problems.push('LIVEKIT_API_KEY and LIVEKIT_API_SECRET go together');
  if (lkSecret && lkSecret.length < 32) problems.push('LIVEKIT_API_SECRET must be at least 32 characters');
  // Production without LIVEKIT_URL runs with video calls off; with it, the deployment's own key pair is required.
  if (production && lkUrl && (!lkKey || !lkSecret)) {
    problems.push('LIVEKIT_API_KEY and LIVEKIT_API_SECRET are required with LIVEKIT_URL when NODE_ENV=production');
  }
  if (production && lkKey === DEV_LIVEKIT_KEY) {
    problems.push('LIVEKIT_API_KEY is the public development key of livekit.yaml: not allowed when NODE_ENV=production');
  }
  if (production && lkSecret === DEV_LIVEKIT_SECRET) {
    problems.push('LIVEKIT_API_SECRET is the public development secret of livekit.yaml: not allowed when NODE_ENV=production');
  }
  const livekit = lkUrl
    ? {
        url: lkUrl.replace(/^http/, 'ws'),
        publicUrl: (url('LIVEKIT_PUBLIC_URL', lkUrl, ['ws:', 'wss:', 'http:', 'https:']) ?? lkUrl).replace(/^http/, 'ws'),
        apiKey: lkKey || DEV_LIVEKIT_KEY,
        apiSecret: lkSecret || DEV_LIVEKIT_SECRET,
      }
    : null;

  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)} must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const storage = (env.MEDIA_STORAGE || 'local') as 'local' | 's3';
  if (!['local', 's3'].includes(storage)) problems.push(`MEDIA_STORAGE=${JSON.stringify(storage)} must be local or s3`);
  let s3: Config['media']['s3'];
  if (storage === 's3') {
    if (!env.S3_BUCKET) problems.push('S3_BUCKET is required when MEDIA_STORAGE=s3');
    s3 = {
      bucket: env.S3_BUCKET ?? '',
      region: env.S3_REGION || 'us-east-1',
      endpoint: url('S3_ENDPOINT', null, ['http:', 'https:']) ?? undefined,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      publicUrl: url('S3_PUBLIC_URL', null, ['http:', 'https:']) ?? undefined,
    };
  }
  const mediaWorkers = int('MEDIA_WORKERS', 2, 1, 16);
  const mediaQueue = int('MEDIA_QUEUE', 8, 0, 1000);
  const imageTimeoutMs = int('MEDIA_IMAGE_TIMEOUT_MS', 20_000, 1, 600_000);
  const quotaBytes = int('MEDIA_QUOTA_BYTES', 500 * 1024 * 1024, 0, Number.MAX_SAFE_INTEGER);
  const callRingTimeoutMs = int('CALL_RING_TIMEOUT_MS', 30_000, 100, 600_000);
  const callRejoinGraceMs = int('CALL_REJOIN_GRACE_MS', 20_000, 0, 600_000);
  const rateLimits = { ...RATE_LIMIT_DEFAULTS };
  for (const rule of Object.keys(RATE_LIMIT_DEFAULTS) as RateRule[]) {
    const name = envName(rule);
    const raw = env[name];
    if (!raw) continue;
    const match = /^(\d{1,9})\/(\d{1,7})$/.exec(raw.trim());
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      problems.push(`${name}=${JSON.stringify(raw)} must be <count>/<seconds>, e.g. 10/900`);
      continue;
    }
    rateLimits[rule] = { points: Number(match[1]), durationSeconds: Number(match[2]) };
  }
  const loginSlowdownStepMs = int('LOGIN_SLOWDOWN_STEP_MS', 500, 0, 10_000);
  const presenceReconcileSeconds = int('PRESENCE_RECONCILE_SECONDS', 60, 0, 86_400);
  const jobs = {
    prefix: env.JOBS_PREFIX || 'pp-enter',
    cleanupMinutes: int('JOBS_CLEANUP_MINUTES', 60, 0, 10_080),
    uploadOrphanHours: int('UPLOAD_ORPHAN_HOURS', 24, 1, 8760),
    sessionRetentionDays: int('SESSION_RETENTION_DAYS', 30, 0, 3650),
  };
  if (!/^[\w.-]{1,64}$/.test(jobs.prefix)) problems.push('JOBS_PREFIX must be 1–64 letters, digits, `_`, `.` or `-`');
  const smtpUrl = url('SMTP_URL', null, ['smtp:', 'smtps:']);
  const mailFrom = env.MAIL_FROM || 'PP-ENTER <no-reply@localhost>';
  if (!/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(mailFrom.trim())) {
    problems.push(`MAIL_FROM=${JSON.stringify(mailFrom)} must be an address, e.g. PP-ENTER <no-reply@example.com>`);
  }
  const cookieSecure = env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : publicUrl.startsWith('https:');

  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR || resolve(ROOT, '.data')),
    databaseUrl,
    redisUrl,
    migrateOnStart,
    jwtSecret,
    publicUrl,
    livekit,
    modelsDir: resolve(ROOT, 'client/public/models'),
    clientDist: resolve(env.CLIENT_DIST || resolve(ROOT, 'client/dist')),
    logLevel,
    cookieSecure,
    callRingTimeoutMs,
    callRejoinGraceMs,
    rateLimits,
    presenceReconcileSeconds,
    jobs,
    loginSlowdownStepMs,
    mail: { smtpUrl, from: mailFrom, logOnlyInProduction: production && !smtpUrl },
    media: { storage, s3, workers: mediaWorkers, queue: mediaQueue, imageTimeoutMs, quotaBytes },
  };
}

/** For commands (API, migrate, admin): the configuration, or null once each problem is printed as `config: …`. */
export function loadConfigOrExplain(env: NodeJS.ProcessEnv = process.env): Config | null {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`config: ${problem}`);
    return null;
  }
}

export const PROJECT_ROOT = ROOT;
