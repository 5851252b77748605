import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError, type RateLimit, type RateLimits, type RateLimitsConfig, type RateRule } from '../kernel/rate-limit.js';

/** The table the counters live in; created by a migration from `db/rate-limit.entity.ts`. */
export const RATE_LIMIT_TABLE = 'rate_limits';

interface PgQuery {
  text: string;
  values?: unknown[];
  name?: string;
}
interface PgConnection {
  query(query: PgQuery): Promise<unknown>;
}

/**
 * The app's knex pool as the `pg.Pool`-like client rate-limiter-flexible takes, minus the statement names it sets:
 * a named (server-side prepared) statement lives on one server connection, and behind pgbouncer in transaction mode
 * the next query may run on another one ("prepared statement … does not exist"), silently moving the counters to
 * the per-process fallback.
 */
function unnamedStatements(orm: MikroORM): PgConnection {
  const client = orm.em.getConnection().getKnex().client as {
    acquireConnection(): Promise<PgConnection>;
    releaseConnection(connection: PgConnection): Promise<void>;
  };
  return {
    async query({ text, values }) {
      const connection = await client.acquireConnection();
      try {
        return await connection.query({ text, values });
      } finally {
        await client.releaseConnection(connection);
      }
    },
  };
}

/**
 * The rate-limit mechanism on PostgreSQL (rate-limiter-flexible's RateLimiterPostgres over the app's own knex
 * pool): one row per (rule, key) with its count and window end, changed by one atomic upsert, so parallel
 * requests and several API processes share the counters. When the database cannot answer, each process counts
 * in memory (the library's insurance limiter) rather than letting everything through or failing the request.
 * Several instances behind a load balancer: swap RateLimiterPostgres for RateLimiterRedis here; nothing else changes.
 */
export class PostgresRateLimits implements RateLimits {
  private readonly limiters = new Map<RateRule, RateLimiterAbstract>();

  constructor(
    orm: MikroORM,
    private readonly config: RateLimitsConfig,
    private readonly log?: Logger,
  ) {
    const store = unnamedStatements(orm);
    for (const [rule, limit] of Object.entries(config) as [RateRule, RateLimit][]) {
      const options = { keyPrefix: rule, points: limit.points, duration: limit.durationSeconds };
      this.limiters.set(
        rule,
        new RateLimiterPostgres({
          ...options,
          storeClient: store,
          storeType: 'pool',
          tableName: RATE_LIMIT_TABLE,
          tableCreated: true,
          // Expired rows are deleted by a timer; it is unref'd, so it never keeps the process alive.
          clearExpiredByTimeout: true,
          insuranceLimiter: new RateLimiterMemory(options),
        }),
      );
    }
  }

  limit(rule: RateRule): RateLimit {
    return this.config[rule];
  }

  async consume(rule: RateRule, keys: string[]): Promise<void> {
    const limiter = this.limiter(rule);
    const results = await Promise.allSettled(keys.map((key) => limiter.consume(key)));
    let retryMs = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      retryMs = Math.max(retryMs, result.reason.msBeforeNext);
    }
    if (retryMs > 0 || results.some((r) => r.status === 'rejected')) throw new RateLimitedError(Math.max(1, Math.ceil(retryMs / 1000)));
  }

  async refund(rule: RateRule, keys: string[]): Promise<void> {
    const limiter = this.limiter(rule);
    await Promise.all(
      keys.map((key) => limiter.reward(key).catch((err: unknown) => this.log?.warn({ err, rule }, 'rate-limit refund failed'))),
    );
  }

  async count(rule: RateRule, key: string): Promise<number> {
    try {
      return (await this.limiter(rule).penalty(key)).consumedPoints;
    } catch (error) {
      if (error instanceof RateLimiterRes) return error.consumedPoints;
      throw error;
    }
  }

  private limiter(rule: RateRule): RateLimiterAbstract {
    const limiter = this.limiters.get(rule);
    if (!limiter) throw new Error(`No rate limit named ${rule}`);
    return limiter;
  }
}
