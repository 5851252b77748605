/**
 * Who is acting. Adapters (resolvers, routes, sockets, CLI) authenticate and hand an Actor to services;
 * services never see a request. Roles arrive with moderation; every signed-in person is a USER today.
 */
export type Role = 'USER' | 'MODERATOR' | 'ADMIN';

/** The roles that may use the staff tools (moderation): `@Authorized(...STAFF_ROLES)`, `requireStaff`. */
export const STAFF_ROLES: readonly Role[] = ['MODERATOR', 'ADMIN'];

export const isStaff = (actor: { role: Role } | null | undefined): boolean => !!actor && STAFF_ROLES.includes(actor.role);

export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** The session behind the access token ('' right after sign-in, before a token was presented). */
  readonly sessionId: string;
}

export function userActor(id: string, sessionId: string): Actor {
  return { id, role: 'USER', sessionId };
}
