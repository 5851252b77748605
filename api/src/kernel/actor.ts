/**
 * Who is acting. Adapters (resolvers, routes, sockets, CLI) authenticate and hand an Actor to services;
 * services never see a request. Roles arrive with moderation; every signed-in person is a USER today.
 */
export type Role = 'USER' | 'MODERATOR' | 'ADMIN';

export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** The session behind the access token ('' right after sign-in, before a token was presented). */
  readonly sessionId: string;
}

export function userActor(id: string, sessionId: string): Actor {
  return { id, role: 'USER', sessionId };
}
