import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser, requireActor } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { Notification } from './notifications.entity.js';
import { notificationById } from './notifications.loaders.js';
import { notificationTopic } from './notifications.service.js';
import { NotificationConnection, NotificationObject } from './notifications.types.js';

// Only the recipient may load a notification by its id.
registerNodeType('Notification', Notification, async (ctx, id) => {
  const found = await notificationById(ctx).load(id);
  return found && found.recipient.id === ctx.actor?.id ? found : null;
});

@Resolver(() => NotificationObject)
export class NotificationsResolver {
  @Authorized()
  @Query(() => NotificationConnection, { description: "The viewer's notifications, newest first." })
  notifications(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { nullable: true, description: 'Only notifications not read yet.' }) unreadOnly?: boolean | null,
  ) {
    return ctx.services.notifications.inbox(actor, ctx.em, { first: page.first, after: page.after, unreadOnly });
  }

  @Authorized(AccessScope.WRITE_POSTS, AccessScope.WRITE_SOCIAL)
  @Mutation(() => Int, { description: 'Marks the given notifications (all when ids is omitted) as read; returns how many changed.' })
  markNotificationsRead(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Arg('ids', () => [ID], { nullable: true, description: "The notifications to mark; omitted: all of the viewer's." })
    ids?: string[] | null,
  ): Promise<number> {
    // Ids that are not notification ids match nothing.
    const raw = ids ? ids.map((id) => fromGlobalId(id, 'Notification')).filter((id): id is string => id !== null) : null;
    return ctx.services.notifications.markRead(actor, ctx.em, raw);
  }

  @Authorized(AccessScope.READ)
  @Subscription(() => NotificationObject, {
    description: 'Every new notification of the viewer.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      return ctx.pubsub.subscribe(notificationTopic(requireActor(ctx).id), ctx);
    },
  })
  async notificationAdded(@Root() event: { notificationId: string }, @Ctx() ctx: Context): Promise<Notification | null> {
    return notificationById(ctx).load(event.notificationId);
  }

  @FieldResolver(() => Boolean, { description: 'The viewer marked it read (markNotificationsRead).' })
  read(@Root() n: Notification): boolean {
    return n.readAt !== null;
  }

  @FieldResolver(() => UserObject, { nullable: true, description: 'Who caused it; null when they are gone or hidden from the viewer.' })
  actor(@Root() n: Notification, @Ctx() ctx: Context) {
    return n.actor ? userById(ctx).load(n.actor.id) : null;
  }
}
