import { ApolloServer, HeaderMap } from '@apollo/server';
import { ErrorCode } from './kernel/errors.js';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createContext, type Context } from './graphql/context.js';
import { PubSub } from './graphql/pubsub.js';
import { getSchema } from './graphql/schema.js';
import { operationScopeError } from './graphql/auth.js';
import { limitsError, sourceLimits } from './graphql/validation.js';
import { parseCookies, actorFromAuthorization } from './http/auth.js';
import { GRAPHIQL_HTML, graphiqlRouter } from './http/graphiql.js';
import { attachGraphqlWs } from './http/ws.js';
import { readinessRouter, type ReadinessCheck } from './http/health.js';
import { securityHeaders } from './http/security-headers.js';
import { integrationCors } from './http/cors.js';
import { TokenSigner } from './lib/tokens.js';
import { startBackgroundWork } from './server/bootstrap.js';
import { createServices, type Services } from './server/compose.js';
import { RedisBus } from './server/redis-bus.js';
import { featureRoutes } from './features/routes.js';

export interface App {
  server: Server;
  services: Services;
  pubsub: PubSub;
  readiness: Map<string, ReadinessCheck>;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createApp(deps: { config: Config; orm: MikroORM; log: Logger }): Promise<App> {
  const { config, orm, log } = deps;
  const schema = await getSchema();
  // REDIS_URL: events reach every instance; otherwise this process is the whole network.
  const redisBus = config.redisUrl ? new RedisBus(config.redisUrl, log) : null;
  await redisBus?.ready();
  const pubsub = new PubSub(redisBus);
  const signer = new TokenSigner(config.jwtSecret);
  const services = createServices({ config, pubsub, signer, orm, log });
  const readiness = new Map<string, ReadinessCheck>();
  if (redisBus) readiness.set('redis', async () => redisBus.status());
  const stopBackgroundWork = startBackgroundWork({
    orm,
    services,
    log,
    readiness,
    events: pubsub,
    presenceReconcileSeconds: config.presenceReconcileSeconds,
    jobs: config.jobs,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const server = createServer(app);
  const ws = attachGraphqlWs({ server, schema, orm, config, log, pubsub, services });

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // No HTTP caching of GraphQL answers (every field would be walked for hints), and our own GraphiQL.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, schema: s, operation, contextValue }) {
              const error = limitsError(s, document, request.variables, request.operationName);
              if (error) throw error;
              const scopeError = operationScopeError(contextValue.actor, operation?.operation);
              if (scopeError) throw scopeError;
            },
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                if (!error.extensions?.code || error.extensions.code === ErrorCode.INTERNAL_SERVER_ERROR) {
                  contextValue?.log?.error({ err: error.originalError ?? error }, 'graphql error');
                }
              }
            },
          };
        },
      },
    ],
    formatError: (formatted, error) => {
      // Never leak internals: unexpected errors are logged above and answered generically.
      if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
        return {
          message: 'Something went wrong on our side. Try again.',
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
          path: formatted.path,
        };
      }
      void error;
      return formatted;
    },
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    res.setHeader('x-request-id', requestId);
    const reqLog = log.child({ requestId });
    (req as Request & { log: Logger }).log = reqLog;
    const started = performance.now();
    res.on('finish', () => {
      // Path only: query strings and bodies may carry tokens.
      const entry = { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (req.path === '/healthz' || req.path === '/readyz') reqLog.debug(entry, 'request');
      else reqLog.info(entry, 'request');
    });
    next();
  });

  app.use(securityHeaders(config));
  app.use(['/graphql', '/media'], integrationCors);
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
  app.use(readinessRouter(readiness));
  app.use(graphiqlRouter());
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['text/html', 'application/json']) === 'text/html' && !req.query.query)
      return void res.type('html').send(GRAPHIQL_HTML);
    next();
  });

  // 256 kB: the largest legitimate operation (a post with its text and tags) is a few kB.
  app.use('/graphql', express.json({ limit: '256kb' }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      // Size limits before graphql-js validates the document (its rules are only fast on a bounded one).
      const limited = sourceLimits(req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query);
      if (limited && 'error' in limited) {
        const { message, extensions } = limited.error;
        return void res.status(400).json({ errors: [{ message, extensions: { code: extensions.code } }] });
      }
      const reqLog = (req as Request & { log: Logger }).log;
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const cookies = parseCookies(req.headers.cookie);
      const setCookies: string[] = [];
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: new URL(req.url, 'http://x').search, body: req.body },
        context: async () => {
          const ctx = createContext({
            orm,
            actor: null,
            requestId: String(res.getHeader('x-request-id')),
            ip: req.ip ?? 'unknown',
            userAgent: req.headers['user-agent'] ?? null,
            log: reqLog,
            config,
            pubsub,
            services,
            http: { cookies, setCookie: (header) => setCookies.push(header) },
          });
          ctx.actor = await actorFromAuthorization(req.headers.authorization, services, ctx.scope.em);
          return ctx;
        },
      });
      for (const [key, value] of result.headers) res.setHeader(key, value);
      if (setCookies.length) res.setHeader('set-cookie', setCookies);
      res.status(result.status ?? 200);
      if (result.body.kind === 'complete') return void res.send(result.body.string);
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    }
  });

  for (const router of featureRoutes({ config, orm, log, services })) app.use(router);

  // The built client, with long caching for hashed assets and the SPA fallback.
  if (existsSync(join(config.clientDist, 'index.html'))) {
    app.use('/assets', express.static(join(config.clientDist, 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(config.clientDist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|media|livekit|healthz|readyz).*/, (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(join(config.clientDist, 'index.html'));
    });
  } else {
    app.get(
      '/',
      (_req, res) =>
        void res.type('text').send('The client is not built yet: run `npm run setup` (or `npm run build`). GraphiQL is at /graphql.'),
    );
  }

  app.use((_req: Request, res: Response) => void res.status(404).json({ message: 'Not found' }));
  app.use((error: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) (req as Request & { log?: Logger }).log?.error({ err: error }, 'request failed');
    const message =
      error.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : error.type === 'entity.too.large'
          ? 'The request body is too large.'
          : status === 500
            ? 'Something went wrong on our side. Try again.'
            : error.message;
    if (!res.headersSent) res.status(status).json({ message });
  });

  return {
    server,
    services,
    pubsub,
    readiness,
    listen: (port, host = config.host) =>
      new Promise((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolveListen((server.address() as { port: number }).port));
      }),
    close: async () => {
      await stopBackgroundWork();
      await apollo.stop();
      server.closeAllConnections?.();
      await redisBus?.close();
    },
  };
}
