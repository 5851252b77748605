import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Config } from '../config.js';
import { createContext } from '../graphql/context.js';
import type { Actor } from '../kernel/actor.js';
import { RequestError } from '../kernel/errors.js';
import { createScope } from '../kernel/scope.js';
import type { PubSub } from '../graphql/pubsub.js';
import { limitsError, sourceLimits } from '../graphql/validation.js';
import type { Services } from '../server/compose.js';
import { actorFromAuthorization } from './auth.js';

interface ConnectionState {
  actor: Actor | null;
  ip: string;
  userAgent: string | null;
}

/**
 * graphql-ws on the same `/graphql` path. The token comes in
 * `connectionParams.authorization`; a bad one closes the socket with 4401 and a reason.
 * Every operation passes the same size, depth, cost and input checks as on HTTP.
 */
export function attachGraphqlWs(deps: {
  server: Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  config: Config;
  log: Logger;
  pubsub: PubSub;
  services: Services;
}) {
  const { server, schema, orm, config, log, pubsub, services } = deps;
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const states = new WeakMap<object, ConnectionState>();

  const cleanup = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const request = ctx.extra.request;
        const state: ConnectionState = {
          actor: null,
          ip: request.socket.remoteAddress ?? 'unknown',
          userAgent: request.headers['user-agent'] ?? null,
        };
        if (raw !== undefined && raw !== null && raw !== '') {
          try {
            state.actor = await actorFromAuthorization(String(raw), services.accounts, createScope(orm).em);
          } catch (error) {
            const reason = error instanceof GraphQLError || error instanceof RequestError ? error.message : 'Unauthorized';
            ctx.extra.socket.close(4401, reason.slice(0, 120));
            return false;
          }
        }
        states.set(ctx.extra, state);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const limited = sourceLimits(payload.query);
        if (limited && 'error' in limited) return [limited.error];
        let document;
        try {
          document = limited?.document ?? parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, specifiedRules);
        if (errors.length) return errors;
        const overLimit = limitsError(schema, document, payload.variables ?? undefined, payload.operationName);
        if (overLimit) return [overLimit];
        const state = states.get(ctx.extra) ?? { actor: null, ip: 'unknown', userAgent: null };
        const requestId = randomUUID();
        const args: ExecutionArgs = {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createContext({
            orm,
            actor: state.actor,
            requestId,
            ip: state.ip,
            userAgent: state.userAgent,
            log: log.child({ requestId, ws: true }),
            config,
            pubsub,
            services,
          }),
        };
        return args;
      },
      onError: (_ctx, _id, _payload, errors) => {
        for (const error of errors) if (!error.extensions?.code) log.warn({ err: error }, 'subscription error');
      },
    },
    wss,
  );

  return {
    dispose: async () => {
      await cleanup.dispose();
      wss.close();
    },
  };
}
