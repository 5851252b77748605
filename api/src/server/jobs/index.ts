import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Jobs } from '../../kernel/jobs.js';
import { BullmqJobs } from './bullmq.js';
import { MemoryJobs } from './memory.js';

/** BullMQ on Redis when REDIS_URL is set (several instances), timers of this process otherwise. */
export function createJobs(config: Pick<Config, 'redisUrl' | 'jobs'>, log: Logger): Jobs {
  return config.redisUrl ? new BullmqJobs(config.redisUrl, config.jobs.prefix, log) : new MemoryJobs(log);
}
