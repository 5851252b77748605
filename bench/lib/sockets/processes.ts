import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ClientCommand, ClientProgress, ClientReply } from './protocol.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const running = new Set<ChildProcess>();
// A crash or Ctrl-C of the benchmark leaves no server or socket client behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Resident memory of a process in KB, from /proc (Linux). */
export function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * CPU time (user + system) a process has used so far, in ms (10 ms steps). Unlike latency it barely moves when
 * other work shares the machine.
 */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Preloaded into the server processes: SIGUSR2 → a full GC (needs --expose-gc). */
const GC_PRELOAD = ['--expose-gc', '--import', join(import.meta.dirname, 'gc-on-signal.mjs')];

/** Asks a server process (started with GC_PRELOAD) for a full garbage collection; its RSS a second later. */
export async function collectGarbage(pid: number): Promise<number> {
  process.kill(pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 1000));
  return rssKb(pid);
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** A TypeScript file of bench/lib/sockets in its own Node process (tsx loader), with an IPC channel. */
function spawnTs(file: string, nodeOptions: string[] = []): ChildProcess {
  return track(
    spawn(process.execPath, [...nodeOptions, '--import', 'tsx', join(import.meta.dirname, file)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

export interface SocketClient {
  request<Reply extends ClientReply>(request: ClientCommand): Promise<Reply & { ok: true }>;
  stop(): Promise<void>;
}

/** A child process holding benchmark sockets (client-process.ts); `onProgress` gets its per-second counts. */
export function startSocketClient(onProgress: (progress: ClientProgress['progress']) => void): SocketClient {
  const child = spawnTs('client-process.ts');
  let nextId = 1;
  const waiting = new Map<number, { resolve: (reply: ClientReply) => void; reject: (error: Error) => void }>();
  child.on('message', (message: ClientReply | ClientProgress) => {
    if ('progress' in message) return onProgress(message.progress);
    waiting.get(message.id)?.resolve(message);
    waiting.delete(message.id);
  });
  child.once('exit', (code, signal) => {
    for (const { reject } of waiting.values()) reject(new Error(`socket client exited (${code ?? signal})`));
    waiting.clear();
  });
  return {
    request: <Reply extends ClientReply>(request: ClientCommand) =>
      new Promise<Reply & { ok: true }>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, {
          resolve: (reply) => (reply.ok ? resolve(reply as Reply & { ok: true }) : reject(new Error((reply as { error: string }).error))),
          reject,
        });
        child.send({ ...request, id });
      }),
    stop: () => stopProcess(child, 5000),
  };
}

export interface ServerProcess {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The bare graphql-ws baseline (bare-server-process.ts) on a random loopback port. */
export async function startBareServer(): Promise<ServerProcess> {
  const child = spawnTs('bare-server-process.ts', GC_PRELOAD);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
  return { pid: child.pid!, baseUrl: `http://127.0.0.1:${port}`, stop: () => stopProcess(child, 5000) };
}

/**
 * The API as it is deployed: `node api/dist/main.js` when built (`npm run build`), otherwise the sources through
 * tsx's loader in the same Node process (so the pid's RSS is the API's own). Resolves once /healthz answers.
 */
export async function startApi(env: Record<string, string>, port: number): Promise<ServerProcess & { command: string }> {
  const built = join(ROOT, 'api/dist/main.js');
  const args = existsSync(built) ? [built] : ['--import', 'tsx', join(ROOT, 'api/src/main.ts')];
  const child = track(
    spawn(process.execPath, [...GC_PRELOAD, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(`[api] ${chunk.toString()}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the API did not answer /healthz within 120 s:\n${output}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    pid: child.pid!,
    baseUrl,
    command: `node ${args.map((a) => a.replace(`${ROOT}/`, '')).join(' ')}`,
    stop: () => stopProcess(child),
  };
}
