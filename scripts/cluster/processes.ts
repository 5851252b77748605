/**
 * Child processes of the cluster harness: started with their output kept (the last lines go into error messages),
 * stopped one by one (SIGTERM, SIGKILL after a grace period, or SIGKILL on purpose), and every one still running
 * killed when this process exits, whatever the reason (a failed test, SIGINT, an exception).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last few KB of stdout and stderr. */
  output(): string;
  exited(): boolean;
  /** Resolves when the process has exited. */
  readonly exit: Promise<void>;
  /** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const running = new Set<Proc>();
const scratchDirs = new Set<string>();
let hooked = false;

function killAllNow(): void {
  for (const proc of running) if (!proc.exited()) proc.child.kill('SIGKILL');
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
}

/** A directory removed when this process exits, unless `forget` said it is gone already. */
export function removeOnExit(dir: string): { forget(): void } {
  hookExit();
  scratchDirs.add(dir);
  return { forget: () => void scratchDirs.delete(dir) };
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllNow();
      process.exit(130);
    });
  }
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this system user (PostgreSQL and pgbouncer refuse to run as root). */
  user?: string;
}

export function startProcess(name: string, command: string, args: string[], options: StartOptions = {}): Proc {
  hookExit();
  const ids = options.user && process.getuid?.() === 0 ? userIds(options.user) : {};
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-6000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  if (process.env.CLUSTER_LOG) {
    child.stdout!.on('data', (c: Buffer) => process.stderr.write(`[${name}] ${c}`));
    child.stderr!.on('data', (c: Buffer) => process.stderr.write(`[${name}] ${c}`));
  }
  let done = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      done = true;
      running.delete(proc);
      resolve();
    });
    child.once('error', (error) => {
      output += `\n${error.message}`;
      done = true;
      running.delete(proc);
      resolve();
    });
  });
  const proc: Proc = {
    name,
    child,
    output: () => output,
    exited: () => done,
    exit,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (done) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  running.add(proc);
  return proc;
}

export function userIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
  return { uid, gid };
}

/** Polls `ready` until it answers true; fails early when `proc` exits, with its output. */
export async function waitFor(what: string, ready: () => Promise<boolean>, proc?: Proc, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc?.exited()) throw new Error(`${proc.name} exited while waiting for ${what}:\n${proc.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${proc ? `:\n${proc.output()}` : ''}`);
}

export const httpOk = (url: string) => () =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
