// Docker helpers for `npm run test:docker`: find or start an engine, build the images, drive docker-compose.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const quiet = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const which = (name: string) => quiet('sh', ['-c', `command -v ${name}`]);

/** Runs a command with its output shown; throws on a non-zero exit. */
export function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): void {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/**
 * A usable engine: the running one, else (as root, with dockerd installed, as in CI) one started here with host
 * networking only. Returns { stop } or { skip: reason }.
 */
export async function ensureEngine(): Promise<{ stop: () => void } | { skip: string }> {
  if (!which('docker')) return { skip: 'the docker client is not installed' };
  if (!which('docker-compose')) return { skip: 'docker-compose is not installed' };
  if (quiet('docker', ['info'])) return { stop: () => {} };
  if (!which('dockerd')) return { skip: 'no Docker engine is running and dockerd is not installed' };
  if (process.getuid?.() !== 0) return { skip: 'no Docker engine is running and starting dockerd needs root' };
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const logFile = join(ROOT, '.tmp/dockerd.log');
  const out = openSync(logFile, 'w');
  const dockerd = spawn('dockerd', ['--iptables=false', '--bridge=none'], { stdio: ['ignore', out, out], detached: true });
  let exited = false;
  dockerd.on('exit', () => (exited = true));
  const stop = () => {
    if (!exited && dockerd.pid) process.kill(dockerd.pid, 'SIGTERM');
  };
  for (let i = 0; i < 60 && !exited; i++) {
    if (quiet('docker', ['info'])) return { stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  return { skip: `dockerd did not start (see ${logFile})` };
}

/**
 * Builds `dockerfile` from the repository root. The context is sent as a tar with symbolic links followed (a git
 * worktree may link node_modules, .tools/bin or the models to another checkout); .dockerignore still applies.
 */
export function buildImage(dockerfile: string, tag: string, buildArgs: Record<string, string>): void {
  const context = join(ROOT, '.tmp/docker-context.tar');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const skip = ['node_modules', 'client/node_modules', 'client/dist', 'api/dist', '.git', '.data', '.tmp', 'client/public/mediapipe'];
  run('tar', ['-C', ROOT, '-chf', context, ...skip.map((p) => `--exclude=./${p}`), '.']);
  const args = ['build', '--network', 'host', '-f', dockerfile, '-t', tag];
  for (const [name, value] of Object.entries(buildArgs)) args.push('--build-arg', `${name}=${value}`);
  const logFile = join(ROOT, `.tmp/docker-build-${tag.replace(/[^\w.-]+/g, '_')}.log`);
  const log = openSync(logFile, 'w');
  try {
    run('docker', [...args, '-'], { stdio: [openSync(context, 'r'), log, log] });
  } catch (error) {
    process.stderr.write(readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'));
    throw error;
  } finally {
    rmSync(context, { force: true });
  }
}

export function imageExists(tag: string): boolean {
  return quiet('docker', ['image', 'inspect', tag]);
}
