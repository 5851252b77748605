import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { badInput } from '../../kernel/errors.js';
import { parseGlobalId, toGlobalId } from '../../kernel/ids.js';
import { optionalId } from './admin-lists.resolver.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { ModerationAction } from './moderation.entity.js';
import { moderationActionById } from './moderation.loaders.js';
import { ModerationActionConnection, ModerationActionObject, ModerationActionType } from './moderation.types.js';
import { isStaff } from './staff.js';

// Only staff may load a log entry by its id.
registerNodeType('ModerationAction', ModerationAction, async (ctx, id) => (isStaff(ctx.actor) ? moderationActionById(ctx).load(id) : null));

@Resolver(() => ModerationActionObject)
export class ModerationLogResolver {
  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => ModerationActionConnection, { description: 'Staff only: every staff action, newest first.' })
  moderationLog(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('type', () => ModerationActionType, { nullable: true, description: 'Only actions of this type.' })
    type?: ModerationActionType | null,
    @Arg('moderatorId', () => ID, { nullable: true, description: 'Only actions by this staff member.' }) moderatorId?: string | null,
    @Arg('subjectId', () => ID, { nullable: true, description: 'Id of the user, post, comment, room, chat message or report acted on.' })
    subjectId?: string | null,
  ) {
    const subject = subjectId ? parseGlobalId(subjectId) : null;
    if (subjectId && !subject) throw badInput('`subjectId` is not an id this API gave out.', 'subjectId');
    return ctx.services.moderationLog.list(actor, ctx.em, {
      ...page,
      type: type ?? null,
      moderatorId: optionalId(moderatorId, 'User', 'moderatorId'),
      subject,
    });
  }

  @FieldResolver(() => UserObject, { description: 'The staff member who acted; null for actions of the system or the command line.' })
  moderator(@Root() action: ModerationAction, @Ctx() ctx: Context) {
    return userById(ctx).load(action.moderator);
  }

  @FieldResolver(() => ID, { description: 'Id of the user, post, comment, room, chat message or report acted on.' })
  subjectId(@Root() action: ModerationAction): string {
    return toGlobalId(action.subjectType, action.subjectId);
  }
}
