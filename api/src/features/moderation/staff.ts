import { isStaff, type Actor } from '../../kernel/actor.js';
import { forbidden } from '../../kernel/errors.js';

export { isStaff } from '../../kernel/actor.js';

/** The service-level check behind `@Authorized('MODERATOR', 'ADMIN')`: a second line for callers other than GraphQL. */
export function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden('Only moderators and admins may do this.');
}

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'ADMIN') throw forbidden('Only admins may do this.');
}
