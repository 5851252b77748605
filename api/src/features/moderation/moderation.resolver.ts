import { Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { toGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { ModerationAction } from './moderation.entity.js';
import { moderationActionById } from './moderation.loaders.js';
import { ModerationActionConnection, ModerationActionObject } from './moderation.types.js';
import { isStaff } from './staff.js';

// Only staff may load a log entry by its id.
registerNodeType('ModerationAction', ModerationAction, async (ctx, id) => (isStaff(ctx.actor) ? moderationActionById(ctx).load(id) : null));

@Resolver(() => ModerationActionObject)
export class ModerationLogResolver {
  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => ModerationActionConnection, { description: 'Staff only: every staff action, newest first.' })
  moderationLog(@CurrentUser() actor: Actor, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return ctx.services.moderationLog.list(actor, ctx.em, page);
  }

  @FieldResolver(() => UserObject)
  moderator(@Root() action: ModerationAction, @Ctx() ctx: Context) {
    return userById(ctx).load(action.moderator);
  }

  @FieldResolver(() => ID, { description: 'Id of the user, post, comment, room, chat message or report acted on.' })
  subjectId(@Root() action: ModerationAction): string {
    return toGlobalId(action.subjectType, action.subjectId);
  }
}
