import { Worker } from 'node:worker_threads';

export interface LoadResult {
  /** Every latency in ms, sorted. */
  latencies: number[];
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** CPU time of this whole process (server and load generator) per request, in ms. */
  cpuMsPerRequest: number;
}

export interface LoadOptions {
  port: number;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  tokens: string[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Drives one endpoint from a worker thread and summarises throughput and latency. */
export function drive(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: options });
    worker.once('error', reject);
    let cpu = process.cpuUsage();
    worker.on('message', (raw: { measuring?: true; latencies: number[]; errors: number; elapsedMs: number }) => {
      if (raw.measuring) return void (cpu = process.cpuUsage());
      const used = process.cpuUsage(cpu);
      const sorted = raw.latencies.sort((a, b) => a - b);
      const seconds = raw.elapsedMs / 1000;
      resolve({
        latencies: sorted,
        requests: sorted.length,
        errors: raw.errors,
        seconds,
        rps: sorted.length / seconds,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, sorted.length + raw.errors),
      });
      void worker.terminate();
    });
  });
}

/** One result from several rounds of the same endpoint. */
export function merge(parts: LoadResult[]): LoadResult {
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const seconds = parts.reduce((sum, p) => sum + p.seconds, 0);
  const errors = parts.reduce((sum, p) => sum + p.errors, 0);
  const cpuMsPerRequest = parts.reduce((sum, p) => sum + p.cpuMsPerRequest * p.requests, 0) / Math.max(1, latencies.length);
  return {
    latencies,
    requests: latencies.length,
    errors,
    seconds,
    rps: seconds ? latencies.length / seconds : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerRequest,
  };
}
