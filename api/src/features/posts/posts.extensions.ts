import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs } from '../../graphql/relay.js';
import { type User } from '../accounts/index.js';
import { UserObject } from '../accounts/graphql.js';
import { type Notification } from '../notifications/index.js';
import { NotificationObject } from '../notifications/graphql.js';
import { adopt, commentById, postById, postCountOfUser } from './posts.loaders.js';
import { CommentObject, PostConnection, PostObject } from './posts.types.js';

/** `User.posts` and `User.postCount`. */
@Resolver(() => UserObject)
export class PostUserResolver {
  @FieldResolver(() => PostConnection, { description: 'Newest first; empty when the viewer and the user blocked each other.' })
  posts(@Root() user: User, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return adopt(ctx, ctx.services.posts.ofUser(ctx.actor, ctx.em, user.id, page));
  }

  @FieldResolver(() => Int, { description: 'How many posts the user has written.' })
  postCount(@Root() user: User, @Ctx() ctx: Context) {
    return postCountOfUser(ctx).load(user.id);
  }
}

/** `Notification.post` and `Notification.comment` (LIKE, COMMENT, REPLY, PHOTO_TAG, MENTION). */
@Resolver(() => NotificationObject)
export class PostNotificationResolver {
  @FieldResolver(() => PostObject, { nullable: true, description: 'The post the notification is about; null once gone or hidden.' })
  post(@Root() n: Notification, @Ctx() ctx: Context) {
    return n.postId ? postById(ctx).load(n.postId) : null;
  }

  @FieldResolver(() => CommentObject, {
    nullable: true,
    description: "Null once the comment, or the viewer's access to its post, is gone.",
  })
  async comment(@Root() n: Notification, @Ctx() ctx: Context) {
    const comment = n.commentId ? await commentById(ctx).load(n.commentId) : null;
    return comment && (await postById(ctx).load(comment.postId)) ? comment : null;
  }
}
