import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { DateTime } from '../../graphql/scalars.js';
import { ChatMessageObject, FacechatRoomObject } from '../facechat/graphql.js';
import { CommentObject, PostObject } from '../posts/graphql.js';
import { isStaff } from './staff.js';

const STAFF_REMOVED_AT = 'Staff only; null for anyone else. When staff removed it; null while it is visible.';

/** `removed_at` as the read row carries it (posts, comments, rooms and chat messages select it), for staff only. */
const removedAtFor = (ctx: Context, row: { removedAt?: Date | null }): Date | null => (isStaff(ctx.actor) ? (row.removedAt ?? null) : null);

@Resolver(() => PostObject)
export class PostStaffFieldsResolver {
  @FieldResolver(() => DateTime, { nullable: true, description: STAFF_REMOVED_AT })
  removedAt(@Root() post: { removedAt?: Date | null }, @Ctx() ctx: Context): Date | null {
    return removedAtFor(ctx, post);
  }
}

@Resolver(() => CommentObject)
export class CommentStaffFieldsResolver {
  @FieldResolver(() => DateTime, { nullable: true, description: STAFF_REMOVED_AT })
  removedAt(@Root() comment: { removedAt?: Date | null }, @Ctx() ctx: Context): Date | null {
    return removedAtFor(ctx, comment);
  }
}

@Resolver(() => FacechatRoomObject)
export class RoomStaffFieldsResolver {
  @FieldResolver(() => DateTime, { nullable: true, description: STAFF_REMOVED_AT })
  removedAt(@Root() room: { removedAt?: Date | null }, @Ctx() ctx: Context): Date | null {
    return removedAtFor(ctx, room);
  }

  @FieldResolver(() => DateTime, {
    nullable: true,
    description: 'When the room closed (by its owner, by staff or at the end of its call); null while open.',
  })
  closedAt(@Root() room: { closedAt?: Date | null }): Date | null {
    return room.closedAt ?? null;
  }
}

@Resolver(() => ChatMessageObject)
export class ChatMessageStaffFieldsResolver {
  @FieldResolver(() => DateTime, { nullable: true, description: STAFF_REMOVED_AT })
  removedAt(@Root() message: { removedAt?: Date | null }, @Ctx() ctx: Context): Date | null {
    return removedAtFor(ctx, message);
  }
}

export const adminFieldResolvers = [
  PostStaffFieldsResolver,
  CommentStaffFieldsResolver,
  RoomStaffFieldsResolver,
  ChatMessageStaffFieldsResolver,
];
