import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs, paginate } from '../../graphql/relay.js';
import { requireViewer } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import { Notification } from './notifications.entity.js';
import { notificationById } from './notifications.loaders.js';
import { notificationTopic } from './notifications.service.js';
import { NotificationConnection, NotificationObject } from './notifications.types.js';

registerNodeType('Notification', Notification, async (ctx, id) => {
  const found = await notificationById(ctx).load(id);
  return found && found.recipient.id === ctx.viewer?.id ? found : null;
});

@Resolver(() => NotificationObject)
export class NotificationsResolver {
  @Query(() => NotificationConnection)
  async notifications(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean | null,
  ) {
    const viewer = requireViewer(ctx);
    const conn = ctx.em.getConnection();
    const unread = unreadOnly ? 'and read_at is null' : '';
    const connection = await paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: async (limit, after) => {
        const rows = await conn.execute(
          `select * from notifications where recipient_id = ? ${unread}
             and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
           order by created_at desc, id desc limit ?`,
          [viewer.id, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, limit]);
        return rows.map((row) => ctx.em.map(Notification, row));
      },
      keyOf: (n: Notification) => [n.createdAt.toISOString(), n.id],
      count: async () => (await conn.execute(`select count(*)::int as n from notifications where recipient_id = ? ${unread}`, [viewer.id]))[0].n,
    });
    const unreadCount = async () =>
      (await conn.execute('select count(*)::int as n from notifications where recipient_id = ? and read_at is null', [viewer.id]))[0].n;
    return { ...connection, unreadCount };
  }

  @Mutation(() => Int, { description: 'Marks the given notifications (all when ids is omitted) as read; returns how many changed.' })
  async markNotificationsRead(@Ctx() ctx: Context, @Arg('ids', () => [ID], { nullable: true }) ids?: string[] | null): Promise<number> {
    const viewer = requireViewer(ctx);
    const conn = ctx.em.getConnection();
    if (ids) {
      const raw = ids.map((id) => fromGlobalId(id, 'Notification')).filter((id): id is string => id !== null);
      if (!raw.length) return 0;
      const result = await conn.execute(
        'update notifications set read_at = now() where recipient_id = ? and read_at is null and id = any(array[?]::uuid[])', [viewer.id, raw], 'run');
      return (result as unknown as { affectedRows: number }).affectedRows;
    }
    const result = await conn.execute('update notifications set read_at = now() where recipient_id = ? and read_at is null', [viewer.id], 'run');
    return (result as unknown as { affectedRows: number }).affectedRows;
  }

  @Subscription(() => NotificationObject, {
    description: 'Every new notification of the viewer.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      const viewer = requireViewer(ctx);
      return ctx.pubsub.subscribe(notificationTopic(viewer.id), ctx);
    },
  })
  async notificationAdded(@Root() event: { notificationId: string }, @Ctx() ctx: Context): Promise<Notification | null> {
    return notificationById(ctx).load(event.notificationId);
  }

  @FieldResolver(() => Boolean)
  read(@Root() n: Notification): boolean {
    return n.readAt !== null;
  }

  @FieldResolver(() => UserObject, { nullable: true })
  actor(@Root() n: Notification, @Ctx() ctx: Context) {
    return n.actor ? userById(ctx).load(n.actor.id) : null;
  }
}
