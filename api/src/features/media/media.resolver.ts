import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs, paginate } from '../../graphql/relay.js';
import { requireViewer } from '../accounts/index.js';
import type { User } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import { timeKeyAfter } from '../../kernel/pagination.js';
import { toMedia, type MediaRecord } from './media.records.js';
import { Media } from './media.entity.js';
import { mediaById } from './media.loaders.js';
import { MediaConnection, MediaObject } from './media.types.js';

registerNodeType('Media', Media, (ctx, id) => mediaById(ctx).load(id));

@Resolver(() => MediaObject)
export class MediaResolver {
  @Query(() => MediaConnection, { description: "The viewer's screenshot album, newest first." })
  screenshots(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    const viewer = requireViewer(ctx);
    const conn = ctx.em.getConnection();
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: async (limit, after) => {
        const key = timeKeyAfter(after);
        const rows = await conn.execute(
          `select * from media where owner_id = ? and kind = 'SCREENSHOT'
             and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
           order by created_at desc, id desc limit ?`, [viewer.id, key[0], key[0], key[1], limit]);
        return rows.map(toMedia);
      },
      keyOf: (m: MediaRecord) => [m.createdAt.toISOString(), m.id],
      count: async () => (await conn.execute(`select count(*)::int as n from media where owner_id = ? and kind = 'SCREENSHOT'`, [viewer.id]))[0].n,
    });
  }

  @FieldResolver(() => UserObject)
  owner(@Root() media: MediaRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(media.ownerId);
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

/** `User.avatar`: the avatar belongs to media. */
@Resolver(() => UserObject)
export class MediaUserResolver {
  @FieldResolver(() => MediaObject, { nullable: true })
  avatar(@Root() user: User, @Ctx() ctx: Context) {
    return user.avatarId ? mediaById(ctx).load(user.avatarId) : null;
  }
}

export const mediaResolvers = [MediaResolver, MediaUserResolver];
