import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser, requireActor } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import type { Actor } from '../../kernel/actor.js';
import { fromGlobalId, parseGlobalId, toGlobalId } from '../../kernel/ids.js';
import { CONTENT_REMOVED_TOPIC, type ContentRemovedEvent } from './content-removed.js';
import { ContentRemovedEventObject, ModerationPayload } from './moderation.types.js';
import { REMOVABLE_TYPES, type RemovableType } from './removal.service.js';

function removableOf(globalId: string): { type: RemovableType; id: string } | null {
  const parsed = parseGlobalId(globalId);
  const type = REMOVABLE_TYPES.find((t) => t === parsed?.type);
  return parsed && type ? { type, id: parsed.id } : null;
}

@Resolver()
export class RemovalResolver {
  @Authorized('MODERATOR', 'ADMIN')
  @Mutation(() => ModerationPayload, { description: 'Staff only. Hides a post, comment, room or chat message from everyone but staff.' })
  async removeContent(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('subjectId', () => ID, { description: 'The post, comment, room or chat message to remove.' }) subjectId: string,
    @Arg('reason', () => String, { description: 'Why, kept in the moderation log and told to the author.' }) reason: string,
  ): Promise<ModerationPayload> {
    return { action: await ctx.services.removal.remove(actor, ctx.em, { subject: removableOf(subjectId), reason }), userErrors: [] };
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Mutation(() => ModerationPayload, { description: 'Staff only. Shows removed content to everyone again.' })
  async restoreContent(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('subjectId', () => ID, { description: 'The removed post, comment, room or chat message.' }) subjectId: string,
  ): Promise<ModerationPayload> {
    return { action: await ctx.services.removal.restore(actor, ctx.em, removableOf(subjectId)), userErrors: [] };
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Mutation(() => ModerationPayload, { description: "Staff only. Disconnects everyone from the room's call and closes it." })
  async endRoom(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('roomId', () => ID, { description: 'The room to end (a FacechatRoom id).' }) roomId: string,
    @Arg('reason', () => String, { description: 'Why, kept in the moderation log.' }) reason: string,
  ): Promise<ModerationPayload> {
    return {
      action: await ctx.services.removal.endRoom(actor, ctx.em, { roomId: fromGlobalId(roomId, 'FacechatRoom'), reason }),
      userErrors: [],
    };
  }

  @Authorized(AccessScope.READ)
  @Subscription(() => ContentRemovedEventObject, {
    description: 'Content staff removed or whose author was suspended, so open pages can drop it at once.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      requireActor(ctx);
      return ctx.pubsub.subscribe<ContentRemovedEvent>(CONTENT_REMOVED_TOPIC, ctx);
    },
  })
  contentRemoved(@Root() event: ContentRemovedEvent): ContentRemovedEventObject {
    return { subjectType: event.subjectType, subjectId: toGlobalId(event.subjectType, event.subjectId) };
  }
}
