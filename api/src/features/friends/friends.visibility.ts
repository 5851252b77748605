import type { Context } from '../../graphql/context.js';
import { userVisibility } from '../accounts/index.js';
import { blockedSql } from './friends.repository.js';

/**
 * TEMPORARY (deleted at the merge, when compose.ts passes `blockedSql` to the accounts repository as `hiddenUsersSql`).
 * Fills the accounts search hook: `searchUsers` leaves out users blocked by, or blocking, the viewer.
 * Imported for this side effect by the friends resolver.
 */
userVisibility.clause = (ctx: Context) => (ctx.actor ? `and not ${blockedSql('u.id', ctx.actor.id).sql}` : '');
userVisibility.params = (ctx: Context) => (ctx.actor ? blockedSql('u.id', ctx.actor.id).params : []);
