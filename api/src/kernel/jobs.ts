/**
 * Delayed and periodic background work that outlives a request: ring time-outs, presence reconciliation, clean-ups.
 * server/jobs/ implements it in memory (one process, `npm start`) or on BullMQ (REDIS_URL: durable, fired once across
 * instances, and run by another instance when the one that scheduled it is gone). Handlers must be idempotent: a job
 * may run again after a crash mid-run, and a cancel that loses the race with the run is harmless only then.
 */
export interface Jobs {
  /** Registers what runs for jobs named `name` (once per name, before `start`). */
  handle<T extends JobData>(name: string, handler: (data: T) => Promise<void>): void;
  /** Runs `name` with `data` after `delayMs`. One job per (name, key): scheduling the same key again adds nothing. */
  schedule<T extends JobData>(name: string, data: T, options: { key: string; delayMs: number }): Promise<void>;
  /** Drops the job of (name, key) if it has not started (no error when there is none). */
  cancel(name: string, key: string): Promise<void>;
  /** Runs `name` once every `intervalMs` across all instances (0 stops it). */
  every(name: string, intervalMs: number): Promise<void>;
  /** Starts running jobs (after every `handle`). */
  start(): Promise<void>;
  /** Stops running jobs; what is scheduled stays scheduled (in Redis), or is dropped (in memory). */
  close(): Promise<void>;
}

/** Job data travels as JSON. */
export type JobData = Record<string, string | number | boolean | null>;
