import { GraphQLError } from 'graphql';
import { createParameterDecorator, type AuthCheckerFn } from 'type-graphql';
import { AccessScope, type Actor, type Role } from '../kernel/actor.js';
import { ErrorCode, RequestError, unauthenticated } from '../kernel/errors.js';
import type { Context } from './context.js';

/** `@Authorized(PUBLIC, …)`: signed-out visitors may use it too. */
export const PUBLIC = 'PUBLIC';
/** `@Authorized(NO_ACCESS_TOKEN)`: never with a personal access token (token management, password, e-mail, sign-in). */
export const NO_ACCESS_TOKEN = 'NO_ACCESS_TOKEN';

/** What `@Authorized(...)` may list: roles, access scopes and the two markers above. */
export type AuthRule = Role | AccessScope | typeof PUBLIC | typeof NO_ACCESS_TOKEN;

const SCOPES = new Set<string>(Object.values(AccessScope));
const forbidden = (message: string) => new RequestError(message, ErrorCode.FORBIDDEN, 403);

/**
 * The one declared authorization mechanism, for roles and for access-token scopes alike:
 * - `@Authorized()` needs a signed-in actor; `@Authorized('ADMIN')` one of those roles; `PUBLIC` lets signed-out
 *   visitors through too;
 * - `@Authorized(AccessScope.WRITE_POSTS)` lets a personal access token through only with one of the listed scopes
 *   (a session has every scope); every mutation and subscription lists a scope, `NO_ACCESS_TOKEN` or a role
 *   (authorization.test.ts walks the schema);
 * - a personal access token is refused whatever lists `NO_ACCESS_TOKEN` or a role (staff tools);
 * - with nothing listed (queries), a token needs READ for the whole operation (`operationScopeError`).
 * Missing auth is a top-level UNAUTHENTICATED error (HTTP 401), as the contract's clients expect; the rest FORBIDDEN.
 */
export const authChecker: AuthCheckerFn<Context, AuthRule> = ({ context }, rules) => {
  const actor = context.actor;
  if (!actor) {
    if (rules.includes(PUBLIC)) return true;
    throw unauthenticated();
  }
  const roles = rules.filter(isRole);
  if (actor.token) {
    if (rules.includes(NO_ACCESS_TOKEN) || roles.length) throw forbidden('An access token may not do this: sign in to the app.');
    const scopes = rules.filter((rule) => SCOPES.has(rule));
    if (scopes.length && !scopes.some((scope) => actor.token!.scopes.includes(scope as AccessScope)))
      throw forbidden(`This access token lacks the ${scopes.join(' or ')} scope.`);
  }
  if (roles.length && !roles.includes(actor.role)) throw forbidden('Your account may not do this.');
  return true;
};

function isRole(rule: AuthRule): rule is Role {
  return rule === 'USER' || rule === 'MODERATOR' || rule === 'ADMIN';
}

/**
 * A personal access token needs READ to run a query operation (every query field reads); mutations and subscriptions
 * declare their own scope on each field. Null when the operation may run.
 */
export function operationScopeError(actor: Actor | null, operation: string | undefined): GraphQLError | null {
  if (operation !== 'query' || !actor?.token || actor.token.scopes.includes(AccessScope.READ)) return null;
  return new GraphQLError('This access token lacks the READ scope.', { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

/** The signed-in actor; use on fields and mutations marked `@Authorized()`. */
export function CurrentUser() {
  return createParameterDecorator<Context>(({ context }) => requireActor(context));
}

/** For code paths `@Authorized` does not cover (subscription `subscribe` functions, Node loaders). */
export function requireActor(ctx: Pick<Context, 'actor'>): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
