import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../kernel/ids.js';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { type User } from '../accounts/index.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { Media } from './media.entity.js';
import { mediaById, visibleMediaById } from './media.loaders.js';
import type { MediaRecord } from './media.records.js';
import { MediaConnection, MediaObject, ScreenshotPersonObject } from './media.types.js';

// By its id, media is visible to its owner, and to others when a post, an avatar or a room they were in links to it.
registerNodeType('Media', Media, (ctx, id) => visibleMediaById(ctx).load(id));

@Resolver(() => MediaObject)
class MediaResolver {
  @Authorized()
  @Query(() => MediaConnection, { description: "The viewer's screenshot album, newest first." })
  screenshots(@CurrentUser() actor: Actor, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return ctx.services.media.screenshots(actor, ctx.em, page);
  }

  @FieldResolver(() => UserObject, { description: 'Who uploaded it.' })
  owner(@Root() media: MediaRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(media.ownerId);
  }

  @FieldResolver(() => [ScreenshotPersonObject], {
    nullable: true,
    description:
      "Screenshots: who is in the picture and where their faces are, as the capture saw them; only for the media's owner (null otherwise, and for other media).",
  })
  screenshotPeople(@Root() media: MediaRecord, @Ctx() ctx: Context): ScreenshotPersonObject[] | null {
    if (!media.screenshotPeople || ctx.actor?.id !== media.ownerId) return null;
    return media.screenshotPeople.map((p) => ({ rawUserId: p.userId, userId: toGlobalId('User', p.userId), x: p.x, y: p.y }));
  }

  @FieldResolver(() => String, { description: 'The display image (WebP, at most 2048 px on the longest side).' })
  url(@Root() media: MediaRecord, @Ctx() ctx: Context): string {
    return ctx.services.media.urlFor(media.fileKey);
  }

  @FieldResolver(() => String, { description: 'A thumbnail (WebP, at most 480 px on the longest side).' })
  thumbnailUrl(@Root() media: MediaRecord, @Ctx() ctx: Context): string {
    return ctx.services.media.urlFor(media.thumbKey);
  }
}

@Resolver(() => ScreenshotPersonObject)
class ScreenshotPersonResolver {
  @FieldResolver(() => UserObject, { nullable: true, description: 'The person, when the viewer may see them.' })
  user(@Root() person: ScreenshotPersonObject, @Ctx() ctx: Context) {
    return userById(ctx).load(person.rawUserId);
  }
}

/** `User.avatar`: the avatar belongs to media (accounts knows only the id). */
@Resolver(() => UserObject)
class MediaUserResolver {
  @FieldResolver(() => MediaObject, {
    nullable: true,
    description: 'The profile picture (sizes and blurhash as any media); null when none was set.',
  })
  avatar(@Root() user: User, @Ctx() ctx: Context) {
    return user.avatarId ? mediaById(ctx).load(user.avatarId) : null;
  }
}

export const mediaResolvers = [MediaResolver, ScreenshotPersonResolver, MediaUserResolver];
