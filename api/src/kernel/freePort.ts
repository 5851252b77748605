/**
 * Free loopback TCP ports for servers started a moment later (the dev database, the test harness's Redis, PostgreSQL,
 * haproxy, LiveKit and containers).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A loopback TCP port free right now, for a server started later. */
export async function freePort(): Promise<number> {
  // Below the kernel's ephemeral range: a port that `listen(0)` reports free lies inside it, where any outgoing
  // connection (LiveKit to Redis, the API to PostgreSQL …) may take it as its local port before the server meant for
  // it binds it — haproxy once failed test:cluster so ("Address already in use").
  const top = ephemeralRangeStart();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = top - 10_000 + Math.floor(Math.random() * 10_000);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found in ${top - 10_000}–${top - 1}`);
}

/** The first port of the kernel's range for outgoing connections' local ports (32768 unless configured). */
function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low >= 11_024 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
