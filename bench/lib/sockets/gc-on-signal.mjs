// Preloaded into bench:sockets' server processes (`node --expose-gc --import …`): SIGUSR2 runs a full garbage
// collection, so the benchmark can tell the memory sockets keep from garbage not yet collected.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  if (process.env.BENCH_GC_DEBUG)
    console.error(JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v / 1048576)]))));
});
