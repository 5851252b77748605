import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { JobData, Jobs } from '../../kernel/jobs.js';

type Handler = (data: JobData) => Promise<void>;

const QUEUE = 'jobs';
/** Scheduling, canceling or declaring a job waits this long for Redis, then fails (BullMQ alone waits forever). */
const COMMAND_TIMEOUT_MS = 5000;

/** The id of the one job of (name, key): adding it again while it is stored adds nothing (BullMQ forbids ':'). */
export const jobIdOf = (name: string, key: string) => `${name}.${key}`;

// A failed run is retried for ~17 minutes (the database may be restarting); finished jobs are kept an hour so that a
// late re-schedule of the same key (start-up re-scheduling racing a run) is still recognised as a duplicate, failed
// ones a day (until then their key cannot be scheduled again).
const JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 24 * 3600, count: 1000 },
};

/**
 * Jobs in Redis through BullMQ (REDIS_URL): one queue and one worker per API process. Delayed jobs live in Redis,
 * not in the process that scheduled them: whichever instance's worker is free when one is due runs it, once. A job
 * whose instance died mid-run is found stalled (its lock lapses, ~30 s) and run again by another instance. Periodic
 * jobs are job schedulers keyed by name, so N instances upserting the same one make one job per period.
 */
export class BullmqJobs implements Jobs {
  private readonly handlers = new Map<string, Handler>();
  private readonly queueConnection: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private workerConnection: Redis | null = null;

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    // Producer side: fail fast while Redis is away instead of queueing the commands of waiting requests.
    this.queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.queueConnection.on('error', () => undefined); // reported by the queue's 'error' below
    this.queue = new Queue(QUEUE, { connection: this.queueConnection, prefix, defaultJobOptions: JOB_OPTIONS });
    this.queue.on('error', (error) => this.log.warn({ err: error }, 'job queue error'));
  }

  handle<T extends JobData>(name: string, handler: (data: T) => Promise<void>): void {
    this.handlers.set(name, handler as Handler);
  }

  async schedule<T extends JobData>(name: string, data: T, { key, delayMs }: { key: string; delayMs: number }): Promise<void> {
    await bounded(this.queue.add(name, data, { jobId: jobIdOf(name, key), delay: Math.max(0, Math.round(delayMs)) }));
  }

  async cancel(name: string, key: string): Promise<void> {
    // 0 when the job is running (locked) or gone: the handler's own checks make that run harmless.
    await bounded(this.queue.remove(jobIdOf(name, key)));
  }

  async every(name: string, intervalMs: number): Promise<void> {
    if (intervalMs <= 0) await bounded(this.queue.removeJobScheduler(name));
    else await bounded(this.queue.upsertJobScheduler(name, { every: intervalMs }, { name, data: {} }));
  }

  async start(): Promise<void> {
    this.workerConnection = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    this.worker = new Worker(QUEUE, (job: Job<JobData>) => this.run(job), {
      connection: this.workerConnection,
      prefix: this.prefix,
      concurrency: 8,
    });
    this.worker.on('error', (error) => this.log.warn({ err: error }, 'job worker error'));
    this.worker.on('failed', (job, error) => this.log.warn({ err: error, job: job?.name, jobId: job?.id }, 'job failed'));
  }

  async close(): Promise<void> {
    // The worker finishes the jobs it is running; delayed ones stay in Redis for the other instances.
    await this.worker?.close();
    await this.queue.close();
    await Promise.all([this.workerConnection?.quit(), this.queueConnection.quit()].map((q) => q?.catch(() => undefined)));
  }

  private async run(job: Job<JobData>): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    await handler(job.data);
  }
}

function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
