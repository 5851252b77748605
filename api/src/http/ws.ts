import type { MikroORM } from '@mikro-orm/postgresql';
import { ErrorCode } from '../kernel/errors.js';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../config.js';
import { createContext } from '../graphql/context.js';
import type { Actor } from '../kernel/actor.js';
import { SESSION_REVOKED_TOPIC, type SessionRevokedEvent } from '../kernel/events.js';
import { RequestError } from '../kernel/errors.js';
import { createScope } from '../kernel/scope.js';
import type { PubSub } from '../graphql/pubsub.js';
import { subscribeShared } from '../graphql/shared-execution.js';
import { limitsError, sourceLimits } from '../graphql/validation.js';
import type { Services } from '../server/compose.js';
import { accessTokenExpiry, actorFromAuthorization } from './auth.js';
import { operationScopeError } from '../graphql/auth.js';
import { AccessScope, hasScope } from '../kernel/actor.js';

interface ConnectionState {
  actor: Actor | null;
  /** The `Authorization` value the socket signed in with: checked again before every operation. */
  authorization: string | null;
  ip: string;
  userAgent: string | null;
}

/** The close code graphql-ws clients know as Unauthorized: fatal, the client does not reconnect (the session is over). */
const UNAUTHORIZED = 4401;
/**
 * An expired access token is not an ended session: graphql-ws clients treat 4403 (Forbidden) as worth a retry, so they
 * reconnect and their `connectionParams` bring a freshly refreshed token; live subscriptions resume.
 */
const TOKEN_EXPIRED_CODE = 4403;
const SESSION_ENDED = 'This session has ended: sign in again.';
const TOKEN_EXPIRED = 'The access token has expired: reconnect with a fresh one.';
/** Personal access tokens: revoked or expired is final (4401); without SUBSCRIBE the socket is refused (4403). */
const PERSONAL_TOKEN_REVOKED = 'This access token was revoked.';
const PERSONAL_TOKEN_EXPIRED = 'This access token has expired.';
const NO_SUBSCRIBE_SCOPE = 'This access token lacks the SUBSCRIBE scope.';
const FORBIDDEN_CODE = 4403;
/** What AccountsService says of an expired token (HTTP keeps it: clients refresh and retry). */
const EXPIRED_ACCESS_TOKEN = 'The access token has expired: refresh the session.';
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Distinct operation texts whose parsed, validated document is kept (every client sends the same few). */
const PREPARED_DOCUMENTS = 500;

/**
 * Parses and validates an operation text once: thousands of sockets send the same few subscriptions, and each one
 * holding its own syntax tree for its whole life would cost kilobytes per socket. Only valid documents are kept.
 */
function documentPreparer(schema: GraphQLSchema) {
  const prepared = new Map<string, DocumentNode>();
  return (query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } => {
    const known = prepared.get(query);
    if (known) return { document: known };
    const limited = sourceLimits(query);
    if (limited && 'error' in limited) return { errors: [limited.error] };
    let document: DocumentNode;
    try {
      document = limited?.document ?? parse(query);
    } catch (error) {
      return { errors: [error as GraphQLError] };
    }
    const errors = validate(schema, document, specifiedRules);
    if (errors.length) return { errors };
    if (prepared.size >= PREPARED_DOCUMENTS) prepared.delete(prepared.keys().next().value!);
    prepared.set(query, document);
    return { document };
  };
}

function reasonOf(error: unknown): string {
  return (error instanceof GraphQLError || error instanceof RequestError ? error.message : 'Unauthorized').slice(0, 120);
}

/**
 * graphql-ws on the same `/graphql` path. The token comes in
 * `connectionParams.authorization`; a bad one closes the socket with 4401 and a reason.
 * Every operation passes the same size, depth, cost and input checks as on HTTP.
 * A signed-in socket lives no longer than its session: it is closed with 4401 when a `session-revoked` event for its
 * session arrives on the bus (logout, password change, refresh-token reuse — from any API instance), and when an
 * operation finds the session ended; with 4403 when its access token expires (a timer), so the client reconnects
 * with a refreshed token.
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
  const socketsBySession = new Map<string, Set<WebSocket>>();
  /** Sockets signed in with a personal access token, by user: a suspension (which ends sessions) closes them too. */
  const tokenSocketsByUser = new Map<string, Set<WebSocket>>();

  const endSession = (socket: WebSocket, reason: string, code = UNAUTHORIZED) => {
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
  };
  const stopListening = pubsub.listen<SessionRevokedEvent>(SESSION_REVOKED_TOPIC, (event) => {
    for (const sessionId of event.sessionIds) {
      for (const socket of socketsBySession.get(sessionId) ?? [])
        endSession(socket, event.reason === 'token-revoked' ? PERSONAL_TOKEN_REVOKED : SESSION_ENDED);
    }
    if (event.reason === 'suspended') for (const socket of tokenSocketsByUser.get(event.userId) ?? []) endSession(socket, SESSION_ENDED);
  });

  /** Ties an authenticated socket to its session (or personal token) and closes it when its token expires. */
  const track = (socket: WebSocket, actor: Actor, authorization: string) => {
    const expiresAt = actor.token ? (actor.token.expiresAt?.getTime() ?? null) : accessTokenExpiry(authorization);
    const expire = () => (actor.token ? endSession(socket, PERSONAL_TOKEN_EXPIRED) : endSession(socket, TOKEN_EXPIRED, TOKEN_EXPIRED_CODE));
    let sockets = socketsBySession.get(actor.sessionId);
    if (!sockets) socketsBySession.set(actor.sessionId, (sockets = new Set()));
    sockets.add(socket);
    let ofUser = actor.token ? tokenSocketsByUser.get(actor.id) : undefined;
    if (actor.token && !ofUser) tokenSocketsByUser.set(actor.id, (ofUser = new Set()));
    ofUser?.add(socket);
    const timer = expiresAt === null ? null : setTimeout(expire, Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now())));
    socket.once('close', () => {
      if (timer) clearTimeout(timer);
      sockets.delete(socket);
      if (!sockets.size && socketsBySession.get(actor.sessionId) === sockets) socketsBySession.delete(actor.sessionId);
      ofUser?.delete(socket);
      if (ofUser && !ofUser.size && tokenSocketsByUser.get(actor.id) === ofUser) tokenSocketsByUser.delete(actor.id);
    });
  };

  const prepare = documentPreparer(schema);
  const cleanup = useServer(
    {
      schema,
      subscribe: subscribeShared,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const request = ctx.extra.request;
        const state: ConnectionState = {
          actor: null,
          authorization: null,
          ip: request.socket.remoteAddress ?? 'unknown',
          userAgent: request.headers['user-agent'] ?? null,
        };
        if (raw !== undefined && raw !== null && raw !== '') {
          try {
            state.actor = await actorFromAuthorization(String(raw), services, createScope(orm).em);
          } catch (error) {
            ctx.extra.socket.close(UNAUTHORIZED, reasonOf(error));
            return false;
          }
          if (state.actor && !hasScope(state.actor, AccessScope.SUBSCRIBE)) {
            ctx.extra.socket.close(FORBIDDEN_CODE, NO_SUBSCRIBE_SCOPE);
            return false;
          }
          if (state.actor) {
            state.authorization = String(raw);
            track(ctx.extra.socket, state.actor, state.authorization);
          }
        }
        states.set(ctx.extra, state);
        // What the socket needs of its upgrade request is copied above; holding the request (headers and all) for the
        // socket's whole life would cost every open socket a few kilobytes.
        (ctx.extra as { request: unknown }).request = null;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const prepared = prepare(payload.query);
        if ('errors' in prepared) return [...prepared.errors];
        const state = states.get(ctx.extra) ?? { actor: null, authorization: null, ip: 'unknown', userAgent: null };
        if (state.authorization) {
          // The session may have ended since the socket opened (on another instance, or its event was missed).
          try {
            state.actor = await actorFromAuthorization(state.authorization, services, createScope(orm).em);
          } catch (error) {
            const reason = reasonOf(error);
            const expired = reason === EXPIRED_ACCESS_TOKEN;
            endSession(ctx.extra.socket, expired ? TOKEN_EXPIRED : reason, expired ? TOKEN_EXPIRED_CODE : UNAUTHORIZED);
            return [new GraphQLError(reason, { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
          }
        }
        const { document } = prepared;
        const scopeError = operationScopeError(state.actor, getOperationAST(document, payload.operationName)?.operation);
        if (scopeError) return [scopeError];
        const overLimit = limitsError(schema, document, payload.variables ?? undefined, payload.operationName);
        if (overLimit) return [overLimit];
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
            log,
            logBindings: { requestId, ws: true },
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
      stopListening();
      await cleanup.dispose();
      wss.close();
    },
  };
}
