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
  @Mutation(() => PhotoTagPayload, {
    description: "Tags a person (the viewer or a friend) in a photo of the viewer's post; they are notified.",
  })
  async addPhotoTag(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('postId', () => ID, { description: 'The post.' }) postId: string,
    @Arg('input', () => PhotoTagInput, { description: 'Who, in which photo and where.' }) input: PhotoTagInput,
  ): Promise<PhotoTagPayload> {
    return { photoTag: await ctx.services.photoTags.add(actor, ctx.em, fromGlobalId(postId, 'Post'), photoTagData(input)), userErrors: [] };
  }

  @Authorized(AccessScope.WRITE_POSTS)
  @Mutation(() => DeletePayload, { description: "Removes a photo tag (the post's author or the person tagged)." })
  async removePhotoTag(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID, { description: 'The photo tag.' }) id: string,
  ): Promise<DeletePayload> {
    return {
      deletedId: toGlobalId('PhotoTag', await ctx.services.photoTags.remove(actor, ctx.em, fromGlobalId(id, 'PhotoTag'))),
      userErrors: [],
    };
  }

  @FieldResolver(() => PostObject, { description: 'The post of the photo.' })
  post(@Root() tag: PhotoTagRecord, @Ctx() ctx: Context) {
    return postById(ctx).load(tag.postId);
  }

  @FieldResolver(() => MediaObject, { description: 'The photo.' })
  media(@Root() tag: PhotoTagRecord, @Ctx() ctx: Context) {
    return mediaById(ctx).load(tag.mediaId);
  }

  @FieldResolver(() => UserObject, { description: 'The person tagged.' })
  user(@Root() tag: PhotoTagRecord, @Ctx() ctx: Context) {
    return userById(ctx).load(tag.userId);
  }
}
