import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../kernel/errors.js';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser, PUBLIC } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { notFound } from '../../kernel/errors.js';
import { fromGlobalId, toGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { type Media } from '../media/index.js';
import { MediaObject } from '../media/graphql.js';
import { DeletePayload } from '../../graphql/payloads.js';
import { TagObject } from '../tags/graphql.js';
import { LOBBY_TOPIC, roomTopic, type LobbyEvent, type RoomEvent } from './facechat.events.js';
import { participantCountOfRoom, participantsOfRoom, tagsOfRoom, viewerIsParticipantOf, visibleRoomById } from './facechat.loaders.js';
import { Room, type RoomVisibilityValue } from './rooms.entity.js';
import {
  CreateRoomInput,
  CreateRoomInviteInput,
  FacechatRoomConnection,
  FacechatRoomObject,
  LobbyEventObject,
  RoomAccessPayload,
  RoomInvitePayload,
  RoomPayload,
  UpdateRoomInput,
} from './rooms.types.js';

registerNodeType('FacechatRoom', Room, (ctx, id) => visibleRoomById(ctx).load(id));

/** The raw id of a FacechatRoom global id; a malformed one is NOT_FOUND on `field`. */
export function roomIdOf(globalId: string, field: string, message = 'That room does not exist (any more).'): string {
  const rawId = fromGlobalId(globalId, 'FacechatRoom');
  if (!rawId) throw notFound(message, [field]);
  return rawId;
}

/** Events of one room for a viewer who may see it; ends when the room is deleted. */
async function roomEvents(ctx: Context, globalId: string): Promise<AsyncIterableIterator<RoomEvent>> {
  const rawId = fromGlobalId(globalId, 'FacechatRoom');
  const { facechat } = ctx.services;
  if (!rawId || !(await facechat.canSeeRoom(ctx.actor, ctx.em, rawId))) {
    throw new GraphQLError('That room does not exist or is not open to you.', { extensions: { code: ErrorCode.NOT_FOUND } });
  }
  return ctx.pubsub.subscribe<RoomEvent>(roomTopic(rawId), ctx, async (event) =>
    event.deleted ? 'end' : facechat.canSeeRoom(ctx.actor, ctx.em, rawId),
  );
}

/** How a lobby event shows in this viewer's lobby, once per event and viewer (the filter and the resolver share it). */
const lobbyChange = (ctx: Context, event: LobbyEvent) =>
  ctx.scope.memo('facechat:lobbyChange', () => ctx.services.facechat.lobbyChange(ctx.actor, ctx.em, event));

@Resolver(() => LobbyEventObject)
class LobbyResolver {
  @Authorized(PUBLIC, AccessScope.CALLS)
  @Subscription(() => LobbyEventObject, {
    description:
      'The lobby live: rooms the viewer may see as they are made, change (people, settings) or leave the lobby (closed, deleted, or empty: see `rooms`).',
    subscribe: ({ context }) =>
      (context as Context).pubsub.subscribe<LobbyEvent>(LOBBY_TOPIC, context as Context, async (event) => {
        return (await lobbyChange(context as Context, event)) !== null;
      }),
  })
  async lobbyUpdated(@Root() event: LobbyEvent, @Ctx() ctx: Context): Promise<LobbyEventObject> {
    const state = await lobbyChange(ctx, event);
    return { roomId: toGlobalId('FacechatRoom', event.roomId), rawRoomId: event.roomId, inLobby: state === 'in' };
  }

  @FieldResolver(() => FacechatRoomObject, { nullable: true, description: 'The room, while it is in the lobby.' })
  room(@Root() event: LobbyEventObject, @Ctx() ctx: Context) {
    return event.inLobby ? visibleRoomById(ctx).load(event.rawRoomId) : null;
  }
}

@Resolver(() => FacechatRoomObject)
class RoomsResolver {
  @Query(() => FacechatRoomConnection, {
    description:
      'The lobby: open rooms the viewer may join that someone is in, or that were made in the last 10 minutes and nobody has left yet; live ones first, then newest; `query` matches titles and tags.',
  })
  rooms(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('query', () => String, { nullable: true, description: 'Words to look for in room titles and tags.' }) query?: string | null,
  ) {
    return ctx.services.facechat.lobby(ctx.actor, ctx.em, { first: page.first, after: page.after, query });
  }

  @Query(() => FacechatRoomObject, {
    nullable: true,
    description: 'One room by id; null when it does not exist or the viewer may not see it.',
  })
  room(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'A FacechatRoom id.' }) id: string) {
    const rawId = fromGlobalId(id, 'FacechatRoom');
    return rawId ? visibleRoomById(ctx).load(rawId) : null;
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => RoomPayload, {
    description: 'Make a room owned by the viewer (it shows in the lobby once someone is in it). Codes: INVALID.',
  })
  async createRoom(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => CreateRoomInput, { description: "The new room's title, visibility, capacity and tags." }) input: CreateRoomInput,
  ): Promise<RoomPayload> {
    const room = await ctx.services.facechat.createRoom(actor, ctx.em, {
      title: input.title,
      tags: input.tags,
      capacity: input.capacity,
      visibility: input.visibility as RoomVisibilityValue | null | undefined,
    });
    return { room, userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => RoomPayload, {
    description: "Owner only: change a room's title, visibility, capacity or tags. Codes: NOT_FOUND, FORBIDDEN, INVALID.",
  })
  async updateRoom(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID, { description: 'The room to change (owner only).' }) id: string,
    @Arg('input', () => UpdateRoomInput, { description: 'The settings to change; omitted fields stay as they are.' })
    input: UpdateRoomInput,
  ): Promise<RoomPayload> {
    const room = await ctx.services.facechat.updateRoom(actor, ctx.em, {
      roomId: roomIdOf(id, 'id'),
      title: input.title,
      tags: input.tags,
      capacity: input.capacity,
      visibility: input.visibility as RoomVisibilityValue | null | undefined,
    });
    return { room, userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => DeletePayload, { description: 'The owner deletes the room and its chat; everyone connected is disconnected.' })
  async deleteRoom(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID, { description: 'The room to delete (owner only).' }) id: string,
  ): Promise<DeletePayload> {
    const deleted = await ctx.services.facechat.deleteRoom(actor, ctx.em, roomIdOf(id, 'id'));
    return { deletedId: toGlobalId('FacechatRoom', deleted), userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => RoomAccessPayload, {
    description:
      'Room access for the viewer. Codes: NOT_FOUND, FORBIDDEN (visibility, blocks, closed), FULL, UNAVAILABLE (no video server).',
  })
  async joinRoom(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('roomId', () => ID, { description: 'The room to join.' }) roomId: string,
    @Arg('invite', () => String, { nullable: true, description: 'The code of an invite link (createRoomInvite).' }) invite?: string | null,
  ): Promise<RoomAccessPayload> {
    const rawId = roomIdOf(roomId, 'roomId', 'That room does not exist.');
    const { room, access } = await ctx.services.facechat.joinRoom(actor, ctx.em, rawId, invite);
    return { room, access, userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => RoomInvitePayload, {
    description: `A link that lets any signed-in user join this room (not a call's room) for 7 days, unless blocked with its owner or someone in it. The owner, or anyone in a PUBLIC room, may make one.
Codes: NOT_FOUND, FORBIDDEN (a call's room, closed, not the owner).`,
  })
  async createRoomInvite(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => CreateRoomInviteInput, { description: 'The room to invite to.' }) input: CreateRoomInviteInput,
  ): Promise<RoomInvitePayload> {
    const rawId = fromGlobalId(input.roomId, 'FacechatRoom');
    if (!rawId) throw notFound('That room does not exist.', ['input', 'roomId']);
    return { ...(await ctx.services.facechat.createRoomInvite(actor, ctx.em, rawId)), userErrors: [] };
  }

  @Authorized(AccessScope.CALLS)
  @Mutation(() => RoomPayload, { description: 'The viewer leaves the room and is disconnected from its media session.' })
  async leaveRoom(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('roomId', () => ID, { description: 'The room to leave.' }) roomId: string,
  ): Promise<RoomPayload> {
    return { room: await ctx.services.facechat.leaveRoom(actor, ctx.em, roomIdOf(roomId, 'roomId')), userErrors: [] };
  }

  @Authorized(PUBLIC, AccessScope.CALLS)
  @Subscription(() => FacechatRoomObject, {
    description: 'Participants or settings of a room changed. Completes when the room is deleted.',
    subscribe: ({ args, context }) => roomEvents(context as Context, (args as { roomId: string }).roomId),
  })
  async roomUpdated(
    @Root() event: RoomEvent,
    @Ctx() ctx: Context,
    @Arg('roomId', () => ID, { description: 'The room to follow.' }) _roomId: string,
  ): Promise<Room | null> {
    return visibleRoomById(ctx).load(event.roomId);
  }

  @FieldResolver(() => UserObject, { description: 'Who made the room.' })
  owner(@Root() room: Room, @Ctx() ctx: Context) {
    return userById(ctx).load(room.ownerId);
  }

  @FieldResolver(() => [TagObject], { description: "The room's tags, for the lobby's search and filters." })
  tags(@Root() room: Room, @Ctx() ctx: Context) {
    return tagsOfRoom(ctx).load(room.id);
  }

  @FieldResolver(() => [UserObject], { description: "Users connected to the room's media session right now." })
  participants(@Root() room: Room, @Ctx() ctx: Context) {
    return participantsOfRoom(ctx).load(room.id);
  }

  @FieldResolver(() => Int, { description: 'How many people are in the room now.' })
  participantCount(@Root() room: Room, @Ctx() ctx: Context) {
    return participantCountOfRoom(ctx).load(room.id);
  }

  @FieldResolver(() => Boolean, { description: 'Someone is connected to the media session right now.' })
  async isLive(@Root() room: Room, @Ctx() ctx: Context): Promise<boolean> {
    return (await participantCountOfRoom(ctx).load(room.id)) > 0;
  }

  @FieldResolver(() => Boolean, { description: "The viewer owns the room and may change it (not a call's room, not closed)." })
  viewerCanEdit(@Root() room: Room, @Ctx() ctx: Context): boolean {
    return ctx.actor?.id === room.ownerId && !room.isCall && !room.closedAt;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer joined and has not left, or is connected now: may chat and take screenshots.' })
  viewerIsParticipant(@Root() room: Room, @Ctx() ctx: Context) {
    return viewerIsParticipantOf(ctx).load(room.id);
  }
}

/** `Media.room`: the room a screenshot was taken in, when the viewer may see it. */
@Resolver(() => MediaObject)
class MediaRoomResolver {
  @FieldResolver(() => FacechatRoomObject, { nullable: true, description: 'For screenshots: the room the screenshot was taken in.' })
  room(@Root() media: Media, @Ctx() ctx: Context) {
    return media.roomId ? visibleRoomById(ctx).load(media.roomId) : null;
  }
}

export const roomResolvers = [RoomsResolver, LobbyResolver, MediaRoomResolver];
