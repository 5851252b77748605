import DataLoader from 'dataloader';
import { isStaff } from '../../kernel/actor.js';
import { loader, type Context } from '../../graphql/context.js';
import { User } from '../accounts/index.js';
import { userById } from '../accounts/graphql.js';
import { type TagRecord } from '../tags/index.js';
import { tagById } from '../tags/graphql.js';
import type { Call } from './calls.entity.js';
import type { CalleeStatusRow } from './calls.repository.js';
import type { ChatMessage } from './chat.entity.js';
import type { Room } from './rooms.entity.js';

/** The row of each id, in the order of `ids` (null when missing). */
function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

function grouped<T>(ids: readonly string[], rows: { key: string; value: T }[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const { key, value } of rows) groups.set(key, [...(groups.get(key) ?? []), value]);
  return ids.map((id) => groups.get(id) ?? []);
}

/** Rooms by raw id, whoever asks (for callers who already checked, e.g. `Call.room`). */
export function roomById(ctx: Context): DataLoader<string, Room | null> {
  return loader(
    ctx,
    'roomById',
    () => new DataLoader<string, Room | null>(async (ids) => inOrder(ids, await ctx.services.facechat.roomsByIds(ctx.em, ids))),
  );
}

/** Rooms by raw id that the viewer may see; null otherwise. */
export function visibleRoomById(ctx: Context): DataLoader<string, Room | null> {
  return loader(
    ctx,
    'visibleRoomById',
    () =>
      new DataLoader<string, Room | null>(async (ids) =>
        inOrder(ids, await ctx.services.facechat.visibleRoomsByIds(ctx.actor, ctx.em, ids)),
      ),
  );
}

export function tagsOfRoom(ctx: Context): DataLoader<string, TagRecord[]> {
  return loader(
    ctx,
    'tagsOfRoom',
    () =>
      new DataLoader<string, TagRecord[]>(async (ids) => {
        const links = await ctx.services.facechat.roomTagLinks(ctx.em, ids);
        const tags = await tagById(ctx).loadMany(links.map((l) => l.tagId));
        return grouped(
          ids,
          links.flatMap((l, i) => {
            const tag = tags[i];
            return tag && !(tag instanceof Error) ? [{ key: l.roomId, value: tag }] : [];
          }),
        );
      }),
  );
}

/** Users connected to each room now, earliest first; users the viewer blocked (or who blocked them) are left out. */
export function participantsOfRoom(ctx: Context): DataLoader<string, User[]> {
  return loader(
    ctx,
    'participantsOfRoom',
    () =>
      new DataLoader<string, User[]>(async (ids) => {
        const rows = await ctx.services.facechat.presentUsers(ctx.actor, ctx.em, ids);
        const users = await userById(ctx).loadMany(rows.map((r) => r.userId));
        return grouped(
          ids,
          rows.flatMap((r, i) => {
            const user = users[i];
            return user instanceof User ? [{ key: r.roomId, value: user }] : [];
          }),
        );
      }),
  );
}

/** How many users are connected to each room now (as LiveKit reports through webhooks). */
export function participantCountOfRoom(ctx: Context): DataLoader<string, number> {
  return loader(
    ctx,
    'participantCountOfRoom',
    () =>
      new DataLoader<string, number>(async (ids) => {
        const rows = await ctx.services.facechat.presenceCounts(ctx.em, ids);
        const byId = new Map(rows.map((r) => [r.roomId, r.n]));
        return ids.map((id) => byId.get(id) ?? 0);
      }),
  );
}

/** Whether the viewer is a participant (member not left, or connected) of each room. */
export function viewerIsParticipantOf(ctx: Context): DataLoader<string, boolean> {
  return loader(
    ctx,
    'viewerIsParticipantOf',
    () =>
      new DataLoader<string, boolean>(async (ids) => {
        const found = new Set(await ctx.services.facechat.participatingIn(ctx.actor, ctx.em, ids));
        return ids.map((id) => found.has(id));
      }),
  );
}

/** Calls by raw id that the viewer takes part in (caller or callee); null otherwise. */
export function callById(ctx: Context): DataLoader<string, Call | null> {
  return loader(
    ctx,
    'callById',
    () => new DataLoader<string, Call | null>(async (ids) => inOrder(ids, await ctx.services.facechat.callsByIds(ctx.actor, ctx.em, ids))),
  );
}

/** The callees' raw user ids of each call, in the order they were called. */
export function calleeIdsOfCall(ctx: Context): DataLoader<string, string[]> {
  return loader(
    ctx,
    'calleeIdsOfCall',
    () =>
      new DataLoader<string, string[]>(async (ids) =>
        grouped(
          ids,
          (await ctx.services.facechat.callees(ctx.em, ids)).map((r) => ({ key: r.callId, value: r.userId })),
        ),
      ),
  );
}

/** Each callee of each call and their answer, in the order they were rung (one query per request). */
export function calleeStatusesOfCall(ctx: Context): DataLoader<string, CalleeStatusRow[]> {
  return loader(
    ctx,
    'calleeStatusesOfCall',
    () =>
      new DataLoader<string, CalleeStatusRow[]>(async (ids) =>
        grouped(
          ids,
          (await ctx.services.facechat.calleeStatuses(ctx.em, ids)).map((r) => ({ key: r.callId, value: r })),
        ),
      ),
  );
}

/**
 * Messages by raw id; the room must be visible to the viewer and the author not blocked either way. Staff see a
 * message whatever its room (a report of a message in a private call names it as its subject).
 */
export function chatMessageById(ctx: Context): DataLoader<string, ChatMessage | null> {
  return loader(
    ctx,
    'chatMessageById',
    () =>
      new DataLoader<string, ChatMessage | null>(async (ids) => {
        const messages = await ctx.services.facechat.chatMessagesByIds(ctx.actor, ctx.em, ids);
        if (isStaff(ctx.actor)) return inOrder(ids, messages);
        const rooms = await visibleRoomById(ctx).loadMany(messages.map((m) => m.roomId));
        return inOrder(
          ids,
          messages.filter((_, i) => rooms[i] && !(rooms[i] instanceof Error)),
        );
      }),
  );
}
