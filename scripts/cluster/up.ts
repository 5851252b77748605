/**
 * `npx tsx scripts/cluster/up.ts`: the cluster of `npm run test:cluster` for a person to try (Ctrl-C stops it all).
 * CLUSTER_LOG=1 prints every process's output.
 */
import { startCluster } from './harness.js';

const cluster = await startCluster();
const stats = await cluster.balancerStats();
console.log(`\n  Load balancer   ${cluster.baseUrl}\n  LiveKit         ${cluster.livekitPublicUrl}\n`);
console.log(`  haproxy servers ${Object.keys(stats).join(', ')}\n  Ctrl-C stops everything.`);
// Ctrl-C: processes.ts kills every child on exit.
if (process.argv.includes('--once')) await cluster.stop();
