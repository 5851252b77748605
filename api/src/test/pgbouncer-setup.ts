/**
 * A real pgbouncer in transaction pool mode in front of a test PostgreSQL, for the tests that prove the API keeps
 * no session state (db/pgbouncer.test.ts). Few server connections, so requests of different clients share them as
 * they would in production.
 *
 * - `TEST_PGBOUNCER=required` (CI): a missing `pgbouncer` fails the run; `off` skips on purpose. Unset: a missing one is a warning and the
 *   suite skips (a newcomer's `npm test` needs nothing new). `PGBOUNCER_BIN` overrides the binary.
 * - Clients are trusted (loopback only); pgbouncer logs in to PostgreSQL with the user and password of `serverUrl`.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { freePort } from '../kernel/freePort.js';

export interface TestPgbouncer {
  /** `serverUrl` with pgbouncer's host and port, for `database`. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

function findPgbouncer(): string | null {
  if (process.env.PGBOUNCER_BIN && existsSync(process.env.PGBOUNCER_BIN)) return process.env.PGBOUNCER_BIN;
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/usr/local/bin']) {
    if (dir && existsSync(join(dir, 'pgbouncer'))) return join(dir, 'pgbouncer');
  }
  return null;
}

/** pgbouncer in front of the server of `serverUrl` (any database on it), or null when none is installed (see above). */
export async function startTestPgbouncer(serverUrl: string, { serverConnections = 3 } = {}): Promise<TestPgbouncer | null> {
  if (process.env.TEST_PGBOUNCER === 'off') return null;
  const binary = findPgbouncer();
  if (!binary) {
    const message = 'pgbouncer is not installed (apt-get install pgbouncer, or set PGBOUNCER_BIN)';
    if (process.env.TEST_PGBOUNCER === 'required') throw new Error(`TEST_PGBOUNCER=required: ${message}`);
    console.warn(`[pgbouncer] ${message}: the transaction-pooling tests are skipped.`);
    return null;
  }
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pp-pgbouncer-'));
  // pgbouncer refuses to run as root: as root it drops to `postgres` (-u), which must reach its files.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(dir, 0o777);
  const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const serverParams = [
    `host=${server.hostname}`,
    `port=${server.port || 5432}`,
    `user=${quote(user)}`,
    ...(server.password ? [`password=${quote(decodeURIComponent(server.password))}`] : []),
  ].join(' ');
  writeFileSync(join(dir, 'users.txt'), `"${user}" ""\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = ${serverParams}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${serverConnections}`,
      'max_client_conn = 500',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n'),
  );
  const child = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const urlFor = (database: string) => {
    const url = new URL(serverUrl);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const log = () => `${output}${existsSync(join(dir, 'pgbouncer.log')) ? readFileSync(join(dir, 'pgbouncer.log'), 'utf8') : ''}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready once a query goes through it to the server.
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: urlFor(server.pathname.slice(1) || 'postgres') });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (child.exitCode !== null || attempt >= 100) {
        await stop();
        throw new Error(`pgbouncer did not start: ${(error as Error).message}\n${log()}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { urlFor, stop };
}
