// `npm run setup`: everything a fresh clone needs before `npm start`.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installModels } from './lib/models.mjs';
import { findLivekitBinary, LIVEKIT_TOOL, LIVEKIT_VERSION, ROOT, TOOLS_BIN, which } from './lib/paths.mjs';

const step = (title) => console.log(`\n▶ ${title}`);
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`✖ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

step('Installing npm packages (npm ci)');
run('npm', ['ci', '--no-audit', '--no-fund']);

step('Installing MediaPipe models');
try {
  await installModels();
} catch (error) {
  console.error(`✖ ${error.message}`);
  process.exit(1);
}

step('LiveKit server');
const found = findLivekitBinary();
if (found) {
  console.log(`  using ${found}`);
} else if (which('go')) {
  console.log(`  building github.com/livekit/livekit-server ${LIVEKIT_VERSION} with Go (a few minutes the first time)…`);
  const gobin = mkdtempSync(join(tmpdir(), 'pp-livekit-'));
  run('go', ['install', `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`], { env: { ...process.env, GOBIN: gobin } });
  mkdirSync(TOOLS_BIN, { recursive: true });
  copyFileSync(join(gobin, 'server'), LIVEKIT_TOOL);
  chmodSync(LIVEKIT_TOOL, 0o755);
  rmSync(gobin, { recursive: true, force: true });
  console.log(`  installed ${LIVEKIT_TOOL}`);
} else {
  console.log(
    [
      '  No LiveKit server found and Go is not installed: calls will be disabled.',
      '  To enable them, either:',
      `    - install Go and run: go install github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`,
      '      then copy the resulting `server` binary to .tools/bin/livekit-server (or set LIVEKIT_BIN), or',
      '    - point the API at a running server with LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.',
    ].join('\n'),
  );
}

step('Building the client');
run('npm', ['run', 'build', '-w', 'client']);

console.log(`\n✔ Set up. Start everything with: npm start${existsSync(LIVEKIT_TOOL) || found ? '' : ' (calls disabled)'}\n`);
