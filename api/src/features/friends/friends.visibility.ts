import type { Context } from '../../graphql/context.js';
import { userVisibility } from '../accounts/index.js';
import { blockedSql } from './friends.relations.js';

/**
 * Fills the accounts search hook: `searchUsers` leaves out users blocked by, or blocking, the viewer.
 * Imported for this side effect by the friends resolver.
 */
userVisibility.clause = (ctx: Context) => (ctx.viewer ? `and not ${blockedSql('u.id', ctx.viewer.id).sql}` : '');
userVisibility.params = (ctx: Context) => (ctx.viewer ? blockedSql('u.id', ctx.viewer.id).params : []);
