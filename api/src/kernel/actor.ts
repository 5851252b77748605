/**
 * Who is acting. Adapters (resolvers, routes, sockets, CLI) authenticate and hand an Actor to services;
 * services never see a request. Roles arrive with moderation; every signed-in person is a USER today.
 */
export type Role = 'USER' | 'MODERATOR' | 'ADMIN';

/** The roles that may use the staff tools (moderation): `@Authorized(...STAFF_ROLES)`, `requireStaff`. */
export const STAFF_ROLES: readonly Role[] = ['MODERATOR', 'ADMIN'];

export const isStaff = (actor: { role: Role } | null | undefined): boolean => !!actor && STAFF_ROLES.includes(actor.role);

/**
 * What a personal access token may do (the contract's `AccessScope`). A signed-in session may do all of it; a token
 * only what it was created with, and never what is marked for sessions only (graphql/auth.ts).
 */
export enum AccessScope {
  READ = 'READ',
  WRITE_POSTS = 'WRITE_POSTS',
  WRITE_SOCIAL = 'WRITE_SOCIAL',
  CALLS = 'CALLS',
  SUBSCRIBE = 'SUBSCRIBE',
}

export interface Actor {
  readonly id: string;
  readonly role: Role;
  /**
   * The session behind the access token ('' right after sign-in, before a token was presented); for a personal access
   * token `token:<id>`, so its sockets are closed by the same `session-revoked` event when it is revoked.
   */
  readonly sessionId: string;
  /** Set when the actor authenticated with a personal access token rather than a signed-in session. */
  readonly token?: { readonly id: string; readonly scopes: readonly AccessScope[]; readonly expiresAt: Date | null };
}

/** Whether the actor may act under `scope`: sessions may do everything, a token what it was given. */
export const hasScope = (actor: Actor, scope: AccessScope): boolean => !actor.token || actor.token.scopes.includes(scope);

/** The key an actor's rate limits are counted under: per personal access token when one is used, else per user. */
export const rateKey = (actor: Actor): string => (actor.token ? `token:${actor.token.id}` : `user:${actor.id}`);

export function userActor(id: string, sessionId: string): Actor {
  return { id, role: 'USER', sessionId };
}
