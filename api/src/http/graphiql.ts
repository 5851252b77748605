import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { GRAPHIQL_EXAMPLES, TOKEN_HINT } from './graphiql-examples.js';

const require = createRequire(import.meta.url);
const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** GraphiQL for integrators, served from our own node_modules so it works offline. */
export function graphiqlRouter(): Router {
  const router = express.Router();
  const files: Record<string, string> = {
    'react.js': join(pkgDir('react'), 'umd/react.production.min.js'),
    'react-dom.js': join(pkgDir('react-dom'), 'umd/react-dom.production.min.js'),
    'graphiql.js': join(pkgDir('graphiql'), 'graphiql.min.js'),
    'graphiql.css': join(pkgDir('graphiql'), 'graphiql.min.css'),
    'graphql-ws.js': join(pkgDir('graphql-ws'), 'umd/graphql-ws.min.js'),
  };
  router.get('/graphiql/:file', (req, res) => {
    const inline = OWN_FILES[req.params.file];
    if (inline) return void res.type(inline.type).set('cache-control', 'no-cache').send(inline.body);
    const file = files[req.params.file];
    if (!file) return void res.status(404).json({ message: 'Not found' });
    res.sendFile(file, { maxAge: '7d' });
  });
  return router;
}

/** Our own GraphiQL start-up script and page style, served as files so the CSP needs no inline script. */
const GRAPHIQL_BOOT = `  // Subscriptions go over graphql-ws on the same path; the Authorization header set in
  // the Headers tab is sent over HTTP and as connectionParams on the WebSocket.
  const url = location.origin + '/graphql';
  const wsUrl = url.replace(/^http/, 'ws');
  let headers = {};
  const wsClient = graphqlWs.createClient({
    url: wsUrl,
    lazy: true,
    connectionParams: () => (headers.Authorization || headers.authorization ? { authorization: headers.Authorization || headers.authorization } : {}),
  });
  const httpFetcher = GraphiQL.createFetcher({ url, wsClient });
  const fetcher = (params, opts) => {
    headers = (opts && opts.headers) || {};
    // Right after the editor's text is replaced, GraphiQL may still send the old tab's operation name.
    if (params.operationName && !params.query.includes(params.operationName)) params = { ...params, operationName: undefined };
    return httpFetcher(params, opts);
  };
  // Example tabs for a first visit (GraphiQL keeps a returning visitor's own tabs), and the token hint under the results.
  const defaultTabs = ${JSON.stringify(GRAPHIQL_EXAMPLES)};
  const hint = React.createElement(
    'p',
    { className: 'pp-hint' },
    ${JSON.stringify(TOKEN_HINT.replace(/ \(make.*$/, ' '))},
    React.createElement('a', { href: '/settings/tokens' }, 'Make a token'),
    ' · ',
    React.createElement('a', { href: '/docs' }, 'Developer guide'),
  );
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(
      GraphiQL,
      { fetcher, defaultTabs, defaultEditorToolsVisibility: true, isHeadersEditorEnabled: true, shouldPersistHeaders: true },
      React.createElement(GraphiQL.Footer, null, hint),
    ),
  );
`;
const OWN_FILES: Record<string, { type: string; body: string }> = {
  'boot.js': { type: 'js', body: GRAPHIQL_BOOT },
  'page.css': {
    type: 'css',
    body: 'html, body, #graphiql { height: 100%; margin: 0; }\n.pp-hint { margin: 0; padding: 6px 12px; font-size: 13px; }\n',
  },
};

export const GRAPHIQL_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>PP-ENTER GraphiQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="stylesheet" href="/graphiql/graphiql.css" />
<link rel="stylesheet" href="/graphiql/page.css" />
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphql-ws.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script src="/graphiql/boot.js"></script>
</body>
</html>`;
