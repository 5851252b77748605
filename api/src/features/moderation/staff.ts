import type { Actor, Role } from '../../kernel/actor.js';
import { forbidden } from '../../kernel/errors.js';

/** The roles that may use the staff tools; `@Authorized(...STAFF_ROLES)` on resolvers, `requireStaff` in services. */
export const STAFF_ROLES: readonly Role[] = ['MODERATOR', 'ADMIN'];

export const isStaff = (actor: Pick<Actor, 'role'> | null | undefined): boolean => !!actor && STAFF_ROLES.includes(actor.role);

/** The service-level check behind `@Authorized('MODERATOR', 'ADMIN')`: a second line for callers other than GraphQL. */
export function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden('Only moderators and admins may do this.');
}

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'ADMIN') throw forbidden('Only admins may do this.');
}
