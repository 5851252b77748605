import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { fromGlobalId, toGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import { requireViewer } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { UserObject } from '../accounts/index.js';
import type { Media } from '../media/index.js';
import { MediaObject } from '../media/index.js';
import { DeletePayload } from '../posts/index.js';
import { TagObject } from '../tags/index.js';
import { Room } from './rooms.entity.js';
import { participantCountOfRoom, participantsOfRoom, tagsOfRoom, viewerIsParticipantOf, visibleRoomById } from './rooms.loaders.js';
import { lobby, roomEvents } from './rooms.queries.js';
import type { RoomEvent } from './rooms.service.js';
import {
  CreateRoomInput, FacechatRoomConnection, FacechatRoomObject, RoomAccessPayload, RoomPayload, UpdateRoomInput,
} from './rooms.types.js';

registerNodeType('FacechatRoom', Room, (ctx, id) => visibleRoomById(ctx).load(id));

@Resolver(() => FacechatRoomObject)
export class RoomsResolver {
  @Query(() => FacechatRoomConnection, {
    description: 'The lobby: open rooms the viewer may join, live ones first, then newest; `query` matches titles and tags.',
  })
  rooms(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs, @Arg('query', () => String, { nullable: true }) query?: string | null) {
    return lobby(ctx, page, query);
  }

  @Query(() => FacechatRoomObject, { nullable: true })
  room(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    const rawId = fromGlobalId(id, 'FacechatRoom');
    return rawId ? visibleRoomById(ctx).load(rawId) : null;
  }

  @Mutation(() => RoomPayload)
  async createRoom(@Ctx() ctx: Context, @Arg('input', () => CreateRoomInput) input: CreateRoomInput): Promise<RoomPayload> {
    const viewer = requireViewer(ctx);
    return { room: await ctx.services.rooms.create(ctx, viewer.id, input), userErrors: [] };
  }

  @Mutation(() => RoomPayload)
  async updateRoom(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateRoomInput) input: UpdateRoomInput): Promise<RoomPayload> {
    const viewer = requireViewer(ctx);
    return { room: await ctx.services.rooms.update(ctx, viewer.id, id, input), userErrors: [] };
  }

  @Mutation(() => DeletePayload, { description: 'The owner deletes the room and its chat; everyone connected is disconnected.' })
  async deleteRoom(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletePayload> {
    const viewer = requireViewer(ctx);
    return { deletedId: toGlobalId('FacechatRoom', await ctx.services.rooms.delete(ctx, viewer.id, id)), userErrors: [] };
  }

  @Mutation(() => RoomAccessPayload, {
    description: 'Room access for the viewer. Codes: NOT_FOUND, FORBIDDEN (visibility, blocks, closed), FULL, UNAVAILABLE (no video server).',
  })
  async joinRoom(@Ctx() ctx: Context, @Arg('roomId', () => ID) roomId: string): Promise<RoomAccessPayload> {
    const viewer = requireViewer(ctx);
    const { room, access } = await ctx.services.rooms.join(ctx, viewer.id, roomId);
    return { room, access, userErrors: [] };
  }

  @Mutation(() => RoomPayload, { description: 'The viewer leaves the room and is disconnected from its media session.' })
  async leaveRoom(@Ctx() ctx: Context, @Arg('roomId', () => ID) roomId: string): Promise<RoomPayload> {
    const viewer = requireViewer(ctx);
    return { room: await ctx.services.rooms.leave(ctx, viewer.id, roomId), userErrors: [] };
  }

  @Subscription(() => FacechatRoomObject, {
    description: 'Participants or settings of a room changed. Completes when the room is deleted.',
    subscribe: ({ args, context }) => roomEvents(context as Context, (args as { roomId: string }).roomId),
  })
  async roomUpdated(@Root() event: RoomEvent, @Ctx() ctx: Context, @Arg('roomId', () => ID) _roomId: string): Promise<Room | null> {
    return visibleRoomById(ctx).load(event.roomId);
  }

  @FieldResolver(() => UserObject)
  owner(@Root() room: Room, @Ctx() ctx: Context) {
    return userById(ctx).load(room.ownerId);
  }

  @FieldResolver(() => [TagObject])
  tags(@Root() room: Room, @Ctx() ctx: Context) {
    return tagsOfRoom(ctx).load(room.id);
  }

  @FieldResolver(() => [UserObject], { description: "Users connected to the room's media session right now." })
  participants(@Root() room: Room, @Ctx() ctx: Context) {
    return participantsOfRoom(ctx).load(room.id);
  }

  @FieldResolver(() => Int)
  participantCount(@Root() room: Room, @Ctx() ctx: Context) {
    return participantCountOfRoom(ctx).load(room.id);
  }

  @FieldResolver(() => Boolean, { description: 'Someone is connected to the media session right now.' })
  async isLive(@Root() room: Room, @Ctx() ctx: Context): Promise<boolean> {
    return (await participantCountOfRoom(ctx).load(room.id)) > 0;
  }

  @FieldResolver(() => Boolean, { description: "The viewer owns the room and may change it (not a call's room, not closed)." })
  viewerCanEdit(@Root() room: Room, @Ctx() ctx: Context): boolean {
    return ctx.viewer?.id === room.ownerId && !room.isCall && !room.closedAt;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer joined and has not left, or is connected now: may chat and take screenshots.' })
  viewerIsParticipant(@Root() room: Room, @Ctx() ctx: Context) {
    return viewerIsParticipantOf(ctx).load(room.id);
  }
}

/** `Media.room`: the room a screenshot was taken in, when the viewer may see it. */
@Resolver(() => MediaObject)
export class MediaRoomResolver {
  @FieldResolver(() => FacechatRoomObject, { nullable: true, description: 'For screenshots: the room the screenshot was taken in.' })
  room(@Root() media: Media, @Ctx() ctx: Context) {
    return media.roomId ? visibleRoomById(ctx).load(media.roomId) : null;
  }
}

export const roomResolvers = [RoomsResolver, MediaRoomResolver];
