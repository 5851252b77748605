// Closed-loop load generator, run in a worker thread so it never shares the server's event loop.
// `concurrency` keep-alive connections each send one request at a time until the deadline.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, method, path, body, tokens, concurrency, warmupMs, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
const payload = body ? Buffer.from(body) : null;

function once(token) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const headers = { authorization: `Bearer ${token}` };
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      let size = 0;
      let errors = false;
      const chunks = [];
      res.on('data', (c) => {
        size += c.length;
        if (chunks.length < 4) chunks.push(c);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) errors = true;
        else if (size < 4096 && Buffer.concat(chunks).includes('"errors"')) errors = true;
        resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, ok: !errors });
      });
    });
    req.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, ok: false }));
    if (payload) req.end(payload);
    else req.end();
  });
}

async function phase(ms, record) {
  const deadline = Date.now() + ms;
  let next = 0;
  const latencies = [];
  let errors = 0;
  const loops = Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) {
      const token = tokens[next++ % tokens.length];
      const result = await once(token);
      if (!record) continue;
      if (result.ok) latencies.push(result.ms);
      else errors++;
    }
  });
  const started = Date.now();
  await Promise.all(loops);
  return { latencies, errors, elapsedMs: Date.now() - started };
}

await phase(warmupMs, false);
parentPort.postMessage({ measuring: true });
const result = await phase(durationMs, true);
agent.destroy();
parentPort.postMessage(result);
