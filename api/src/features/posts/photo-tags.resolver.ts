import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { toGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { requireViewer } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import { mediaById } from '../media/index.js';
import { MediaObject } from '../media/index.js';
import { PhotoTag } from './posts.entity.js';
import type { PhotoTagRecord } from './records.js';
import { photoTagById, postById } from './posts.loaders.js';
import { DeletePayload, PhotoTagInput, PhotoTagObject, PhotoTagPayload, PostObject } from './posts.types.js';

registerNodeType('PhotoTag', PhotoTag, async (ctx, id) => {
  const tag = await photoTagById(ctx).load(id);
  return tag && (await postById(ctx).load(tag.postId)) ? tag : null;
});

@Resolver(() => PhotoTagObject)
export class PhotoTagsResolver {
  @Mutation(() => PhotoTagPayload)
  async addPhotoTag(@Ctx() ctx: Context, @Arg('postId', () => ID) postId: string, @Arg('input', () => PhotoTagInput) input: PhotoTagInput): Promise<PhotoTagPayload> {
    return { photoTag: await ctx.services.photoTags.add(ctx, requireViewer(ctx).id, postId, input), userErrors: [] };
  }

  @Mutation(() => DeletePayload)
  async removePhotoTag(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletePayload> {
    return { deletedId: toGlobalId('PhotoTag', await ctx.services.photoTags.remove(ctx, requireViewer(ctx).id, id)), userErrors: [] };
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
