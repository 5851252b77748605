// `node examples/call-widget/serve.mjs [port]`: serves the widget (and livekit-client's browser build) on
// http://localhost:5180 — a page of another origin than the API, as an integrator's site would be.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/widget.js': ['widget.js', 'text/javascript; charset=utf-8'],
  '/widget.css': ['widget.css', 'text/css; charset=utf-8'],
};

/** Starts the server; resolves with its address once listening (port 0: any free port). */
export function serveWidget(port = 5180) {
  const livekitBundle = createRequire(import.meta.url).resolve('livekit-client'); // the "require" build: UMD, a global LivekitClient;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const [file, type] = path === '/livekit-client.umd.js' ? [livekitBundle, 'text/javascript'] : (FILES[path] ?? []);
    if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    const body = await readFile(file.startsWith('/') ? file : join(here, file));
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, server })),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await serveWidget(Number(process.argv[2] ?? 5180));
  console.log(`call widget: ${url}`);
}
