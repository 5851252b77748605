import { createParameterDecorator, type AuthChecker } from 'type-graphql';
import type { Actor, Role } from '../kernel/actor.js';
import { ErrorCode, RequestError, unauthenticated } from '../kernel/errors.js';
import type { Context } from './context.js';

/**
 * `@Authorized()` needs a signed-in actor; `@Authorized('ADMIN')` one of those roles.
 * Missing auth is a top-level UNAUTHENTICATED error (HTTP 401), as the contract's clients expect.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.actor) throw unauthenticated();
  if (roles.length && !roles.includes(context.actor.role))
    throw new RequestError('Your account may not do this.', ErrorCode.FORBIDDEN, 403);
  return true;
};

/** The signed-in actor; use on fields and mutations marked `@Authorized()`. */
export function CurrentUser() {
  return createParameterDecorator<Context>(({ context }) => requireActor(context));
}

/** For code paths `@Authorized` does not cover (subscription `subscribe` functions, Node loaders). */
export function requireActor(ctx: Pick<Context, 'actor'>): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
