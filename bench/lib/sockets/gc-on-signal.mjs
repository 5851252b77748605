// Preloaded into bench:sockets' server processes (`node --expose-gc --import …`): SIGUSR2 runs a full garbage
// collection, so the benchmark can tell the memory sockets keep from garbage not yet collected.
// BENCH_GC_DEBUG=1 prints process.memoryUsage() (MB) after it: heapUsed is what JavaScript objects keep.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  if (!process.env.BENCH_GC_DEBUG) return;
  const usage = Object.entries(process.memoryUsage()).map(([key, bytes]) => `${key} ${Math.round(bytes / 1048576)}`);
  console.error(`[gc] ${usage.join(', ')} MB`);
});
