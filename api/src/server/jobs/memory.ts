import type { Logger } from 'pino';
import type { JobData, Jobs } from '../../kernel/jobs.js';

type Handler = (data: JobData) => Promise<void>;

/**
 * Jobs as timers of this process (no REDIS_URL: one API process). Nothing survives a restart, which is why
 * facechat re-schedules the ring time-outs of calls still ringing at start-up. A periodic run is skipped while the
 * previous one of the same name is still going.
 */
export class MemoryJobs implements Jobs {
  private readonly handlers = new Map<string, Handler>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly intervals = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();

  constructor(private readonly log: Logger) {}

  handle<T extends JobData>(name: string, handler: (data: T) => Promise<void>): void {
    this.handlers.set(name, handler as Handler);
  }

  async schedule<T extends JobData>(name: string, data: T, { key, delayMs }: { key: string; delayMs: number }): Promise<void> {
    const id = `${name}/${key}`;
    if (this.timers.has(id)) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(id);
        void this.run(name, data);
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.set(id, timer);
  }

  async cancel(name: string, key: string): Promise<void> {
    const id = `${name}/${key}`;
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  async every(name: string, intervalMs: number): Promise<void> {
    clearInterval(this.intervals.get(name));
    this.intervals.delete(name);
    if (intervalMs <= 0) return;
    const timer = setInterval(() => {
      if (this.running.has(name)) return;
      this.running.add(name);
      void this.run(name, {}).finally(() => this.running.delete(name));
    }, intervalMs);
    timer.unref();
    this.intervals.set(name, timer);
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const timer of this.intervals.values()) clearInterval(timer);
    this.timers.clear();
    this.intervals.clear();
  }

  private async run(name: string, data: JobData): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) return void this.log.error({ job: name }, 'no handler for job');
    try {
      await handler(data);
    } catch (error) {
      this.log.warn({ err: error, job: name, data }, 'job failed');
    }
  }
}
