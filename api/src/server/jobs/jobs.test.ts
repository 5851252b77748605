import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Jobs } from '../../kernel/jobs.js';
import { createLogger } from '../../logger.js';
import { freePort } from '../../kernel/freePort.js';
import { BullmqJobs } from './bullmq.js';
import { MemoryJobs } from './memory.js';

/**
 * The two Jobs implementations against what they stand on: timers of this process, and a real redis-server through
 * BullMQ (skipped with TEST_REDIS=off or without redis-server: see test/redis-setup.ts). Each test has its own key
 * prefix, so parallel files sharing the server do not see each other's jobs.
 */
const redisUrl = inject('redisUrl');
const log = createLogger('silent');
const opened: Jobs[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((j) => j.close()));
});

/** A job handler that records the data of each run. */
function recorder() {
  const runs: unknown[] = [];
  return { runs, handler: async (data: unknown) => void runs.push(data) };
}

const implementations: [string, ((prefix: string) => Jobs) | null][] = [
  ['in memory', () => new MemoryJobs(log)],
  ['BullMQ', redisUrl ? (prefix) => new BullmqJobs(redisUrl, prefix, log) : null],
];

for (const [label, make] of implementations) {
  describe.skipIf(!make)(`jobs ${label}${make ? '' : ' (skipped: no test Redis, TEST_REDIS=off or no redis-server)'}`, () => {
    const open = async (prefix: string) => {
      const jobs = make!(prefix);
      opened.push(jobs);
      return jobs;
    };

    it('runs a job scheduled twice under one key once, after its delay', async () => {
      const jobs = await open(`t-${randomUUID()}`);
      const { runs, handler } = recorder();
      jobs.handle('ring', handler);
      await jobs.start();
      await jobs.schedule('ring', { callId: 'a' }, { key: 'a', delayMs: 200 });
      await jobs.schedule('ring', { callId: 'a' }, { key: 'a', delayMs: 200 });
      await jobs.schedule('ring', { callId: 'b' }, { key: 'b', delayMs: 400 });
      await expect.poll(() => runs.length, { timeout: 10_000 }).toBe(2);
      expect(runs).toEqual([{ callId: 'a' }, { callId: 'b' }]);
    });

    it('never runs a canceled job (a later one proves the due ones ran)', async () => {
      const jobs = await open(`t-${randomUUID()}`);
      const { runs, handler } = recorder();
      jobs.handle('ring', handler);
      await jobs.start();
      await jobs.schedule('ring', { callId: 'canceled' }, { key: 'canceled', delayMs: 200 });
      await jobs.schedule('ring', { callId: 'kept' }, { key: 'kept', delayMs: 600 });
      await jobs.cancel('ring', 'canceled');
      await jobs.cancel('ring', 'never-scheduled');
      await expect.poll(() => runs, { timeout: 10_000 }).toEqual([{ callId: 'kept' }]);
    });
  });
}

describe.skipIf(!redisUrl)(`jobs across instances (BullMQ${redisUrl ? '' : '; skipped: no test Redis'})`, () => {
  const open = (prefix: string) => {
    const jobs = new BullmqJobs(redisUrl!, prefix, log);
    opened.push(jobs);
    return jobs;
  };

  it('a delayed job of a closed instance runs once, on another instance', async () => {
    const prefix = `t-${randomUUID()}`;
    const first = open(prefix);
    const second = open(prefix);
    const onFirst = recorder();
    const onSecond = recorder();
    first.handle('ring', onFirst.handler);
    second.handle('ring', onSecond.handler);
    await first.start();
    await first.schedule('ring', { callId: 'c' }, { key: 'c', delayMs: 800 });
    await first.close();
    await second.start();
    // The same job scheduled again by the survivor (start-up re-scheduling) adds nothing.
    await second.schedule('ring', { callId: 'c' }, { key: 'c', delayMs: 800 });
    await expect.poll(() => onSecond.runs.length, { timeout: 10_000 }).toBe(1);
    await second.schedule('ring', { callId: 'later' }, { key: 'later', delayMs: 300 });
    await expect.poll(() => onSecond.runs.length, { timeout: 10_000 }).toBe(2);
    expect(onSecond.runs).toEqual([{ callId: 'c' }, { callId: 'later' }]);
    expect(onFirst.runs).toEqual([]);
  });

  it('a periodic job declared by two instances runs once per period, on either', async () => {
    const prefix = `t-${randomUUID()}`;
    const instances = [open(prefix), open(prefix)];
    const runs: number[] = [];
    for (const jobs of instances) {
      jobs.handle('prune', async () => void runs.push(Date.now()));
      await jobs.every('prune', 500);
      await jobs.start();
    }
    await expect.poll(() => runs.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const from = runs.length;
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    const periods = (Date.now() - started) / 500;
    // One run per period (two schedulers, or one per instance, would make about twice as many).
    expect(runs.length - from).toBeLessThanOrEqual(Math.ceil(periods) + 1);
    expect(runs.length - from).toBeGreaterThanOrEqual(2);
    // Stopping it (interval 0) from either instance stops it for both.
    await instances[1].every('prune', 0);
    await new Promise((r) => setTimeout(r, 600));
    const stoppedAt = runs.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs.length).toBe(stoppedAt);
  });
});

describe('jobs on an unreachable Redis', () => {
  it('scheduling and canceling fail with a clear error instead of waiting forever (the call goes on, logged)', async () => {
    const jobs = new BullmqJobs(`redis://127.0.0.1:${await freePort()}`, `t-${randomUUID()}`, log);
    await expect(jobs.schedule('ring', { callId: 'x' }, { key: 'x', delayMs: 10 })).rejects.toThrow(/Redis did not answer/);
    await expect(jobs.cancel('ring', 'x')).rejects.toThrow(/Redis did not answer/);
    await jobs.close();
  }, 30_000);
});
