import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { DeletePayload } from '../../graphql/payloads.js';
import type { Actor } from '../../kernel/actor.js';
import { fromGlobalId, toGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { mediaById, MediaObject } from '../media/graphql.js';
import { PhotoTag } from './posts.entity.js';
import type { PhotoTagRecord } from './photo-tags.repository.js';
import type { PhotoTagInputData } from './photo-tags.service.js';
import { photoTagById, postById } from './posts.loaders.js';
import { PhotoTagInput, PhotoTagObject, PhotoTagPayload, PostObject } from './posts.types.js';

registerNodeType('PhotoTag', PhotoTag, async (ctx, id) => {
  const tag = await photoTagById(ctx).load(id);
  return tag && (await postById(ctx).load(tag.postId)) ? tag : null;
});

/** A PhotoTagInput with its ids decoded (null when malformed; the service reports them). */
export const photoTagData = (input: PhotoTagInput): PhotoTagInputData => ({
  mediaId: fromGlobalId(input.mediaId, 'Media'),
  userId: fromGlobalId(input.userId, 'User'),
  x: input.x,
  y: input.y,
});

@Resolver(() => PhotoTagObject)
export class PhotoTagsResolver {
  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => PhotoTagPayload)
  async addPhotoTag(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('postId', () => ID) postId: string,
    @Arg('input', () => PhotoTagInput) input: PhotoTagInput,
  ): Promise<PhotoTagPayload> {
    return { photoTag: await ctx.services.photoTags.add(actor, ctx.em, fromGlobalId(postId, 'Post'), photoTagData(input)), userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => DeletePayload)
  async removePhotoTag(@Ctx() ctx: Context, @CurrentUser() actor: Actor, @Arg('id', () => ID) id: string): Promise<DeletePayload> {
    return {
      deletedId: toGlobalId('PhotoTag', await ctx.services.photoTags.remove(actor, ctx.em, fromGlobalId(id, 'PhotoTag'))),
      userErrors: [],
    };
  }

  @FieldResolver(() => PostObject)
  post(@Root() tag: PhotoTagRecord, @Ctx() ctx: Context) {
    return postById(ctx).load(tag.postId);
  }

  @FieldResolver(() => MediaObject)
  media(@Root() tag: PhotoTagRecord, @Ctx() ctx: Context) {
    return mediaById(ctx).load(tag.mediaId);
  }

  @FieldResolver(() => UserObject)
  user(@Root() tag: PhotoTagRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(tag.userId);
  }
}
