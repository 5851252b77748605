import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The counters of db/rate-limits.ts (rate-limiter-flexible's RateLimiterPostgres): `key` is `<rule>:<key>`,
 * `points` the events counted in the window, `expire` the window's end in epoch milliseconds. Declared here,
 * in the library's own layout, so migrations create the table and `migration:check` knows it.
 */
@Entity({ tableName: 'rate_limits' })
export class RateLimitCounter {
  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points: number = 0;

  @Property({ type: 'bigint', nullable: true })
  expire?: string | null;
}

export const rateLimitEntities = [RateLimitCounter];
