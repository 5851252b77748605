/**
 * The real LiveKit server for the tests (started once by the global setup, when its binary exists).
 *
 * - Binary: $LIVEKIT_BIN, then .tools/bin/livekit-server (`npm run setup` puts it there), then PATH.
 *   `TEST_LIVEKIT=off`: no LiveKit on purpose — `startTestLivekit()` returns null, `inject('livekit')` is null, the test
 *   stacks run with LiveKit disabled and LiveKit-dependent tests skip. `TEST_LIVEKIT=required` (CI): a missing binary
 *   fails the run with an error. Unset: a missing binary is a warning and the LiveKit-dependent tests skip.
 * - Config: generated, on free loopback ports (HTTP/WebSocket, RTC TCP, RTC UDP), `rtc.enable_loopback_candidate`,
 *   `use_external_ip: false`, the dev key pair of api/src/config.ts, `room.auto_create: false` like livekit.yaml.
 * - Webhooks: every test stack listens on its own random port, but a LiveKit server has one fixed webhook URL.
 *   So LiveKit posts to a small relay started here, which forwards each webhook (body and Authorization header
 *   untouched, so the API still verifies LiveKit's own signature) to every stack registered with it:
 *   `POST <webhookRelayUrl>/targets {"url": stack.baseUrl}` (see `relayLivekitWebhooks` in
 *   features/facechat/facechat.testkit.ts). Stacks ignore events of rooms their database does not know.
 *   Tests that need a participant to join (no WebRTC client in Node) post webhooks signed the way LiveKit signs
 *   them (`signedWebhook` in the same testkit) straight to their stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { DEV_LIVEKIT_KEY, DEV_LIVEKIT_SECRET, PROJECT_ROOT } from '../config.js';
import { freeUdpPort } from './redis-setup.js';

export interface TestLivekitInfo {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** The webhook relay: POST/DELETE `${webhookRelayUrl}/targets` with `{ "url": "<stack base URL>" }`. */
  webhookRelayUrl: string;
}

function findLivekitBinary(): string | null {
  if (process.env.LIVEKIT_BIN && existsSync(process.env.LIVEKIT_BIN)) return process.env.LIVEKIT_BIN;
  const tool = join(PROJECT_ROOT, '.tools/bin/livekit-server');
  if (existsSync(tool)) return tool;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'livekit-server'))) return join(dir, 'livekit-server');
  }
  return null;
}

export async function startTestLivekit(): Promise<{ info: TestLivekitInfo; stop(): Promise<void> } | null> {
  if (process.env.TEST_LIVEKIT === 'off') {
    console.warn('[livekit] TEST_LIVEKIT=off: tests that need LiveKit are skipped.');
    return null;
  }
  const binary = findLivekitBinary();
  if (!binary && process.env.TEST_LIVEKIT === 'required') {
    throw new Error(
      '[livekit] TEST_LIVEKIT=required but no LiveKit server binary was found (LIVEKIT_BIN' +
        `${process.env.LIVEKIT_BIN ? `=${process.env.LIVEKIT_BIN} does not exist` : ' is not set'}, no .tools/bin/livekit-server, none on PATH). ` +
        '`npm run setup` builds it; TEST_LIVEKIT=off runs without LiveKit.',
    );
  }
  if (!binary) {
    console.warn(
      '[livekit] No LiveKit server binary (.tools/bin/livekit-server, LIVEKIT_BIN or PATH): ' +
        'tests that need LiveKit are skipped. `npm run setup` builds it.',
    );
    return null;
  }
  const relay = await startWebhookRelay();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const server = await startServer(binary, relay.url);
      return {
        info: { url: server.url, apiKey: DEV_LIVEKIT_KEY, apiSecret: DEV_LIVEKIT_SECRET, webhookRelayUrl: relay.url },
        async stop() {
          await server.stop();
          await relay.stop();
        },
      };
    } catch (error) {
      lastError = error; // most likely a port taken between choosing it and LiveKit binding it: try new ones
    }
  }
  await relay.stop();
  throw new Error(`[livekit] ${binary} did not start: ${(lastError as Error).message}`);
}

async function startServer(binary: string, relayUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const [port, tcpPort] = await freeTcpPorts(2);
  const udpPort = await freeUdpPort();
  const dir = mkdtempSync(join(tmpdir(), 'pp-test-livekit-'));
  const configFile = join(dir, 'livekit.yaml');
  writeFileSync(
    configFile,
    [
      `port: ${port}`,
      'bind_addresses: ["127.0.0.1"]',
      'rtc:',
      `  tcp_port: ${tcpPort}`,
      `  udp_port: ${udpPort}`,
      '  use_external_ip: false',
      '  enable_loopback_candidate: true',
      // As livekit.yaml: a new subscriber's first keyframe within 300 ms (instant connect), not up to a second.
      '  pli_throttle: { low_quality: 200ms, mid_quality: 300ms, high_quality: 300ms }',
      'keys:',
      `  ${DEV_LIVEKIT_KEY}: ${DEV_LIVEKIT_SECRET}`,
      'webhook:',
      `  api_key: ${DEV_LIVEKIT_KEY}`,
      '  urls:',
      `    - ${relayUrl}/livekit/webhook`,
      'room:',
      '  auto_create: false',
      '  empty_timeout: 60',
      '  departure_timeout: 15',
      'logging:',
      // TEST_LIVEKIT_LOG_LEVEL=debug and TEST_LIVEKIT_LOG_FILE=<path>: the server's own account, for a timing question.
      `  level: ${process.env.TEST_LIVEKIT_LOG_LEVEL ?? 'warn'}`,
      '',
    ].join('\n'),
  );
  const child = spawn(binary, ['--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const logFile = process.env.TEST_LIVEKIT_LOG_FILE;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(`http://127.0.0.1:${port}/`, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `ws://127.0.0.1:${port}`, stop };
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not answering on ${url} after 20 s:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function freeTcpPorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createTcpServer>>((resolve, reject) => {
          const server = createTcpServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Forwards LiveKit's webhooks, byte for byte with their Authorization header, to every registered stack. */
async function startWebhookRelay(): Promise<{ url: string; stop(): Promise<void> }> {
  const targets = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/targets' && (req.method === 'POST' || req.method === 'DELETE')) {
        let target: string | undefined;
        try {
          target = String(JSON.parse(body.toString('utf8')).url).replace(/\/$/, '');
        } catch {
          /* answered below */
        }
        if (!target) return void res.writeHead(400).end();
        if (req.method === 'POST') targets.add(target);
        else targets.delete(target);
        return void res.writeHead(204).end();
      }
      if (req.url === '/livekit/webhook' && req.method === 'POST') {
        await Promise.all(
          [...targets].map((target) =>
            fetch(`${target}/livekit/webhook`, {
              method: 'POST',
              headers: {
                'content-type': req.headers['content-type'] ?? 'application/webhook+json',
                ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
              },
              body,
              signal: AbortSignal.timeout(3000),
            }).catch(() => undefined),
          ),
        );
        return void res.writeHead(200).end();
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
