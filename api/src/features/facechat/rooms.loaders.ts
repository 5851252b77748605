import DataLoader from 'dataloader';
import { loader, type Context } from '../../graphql/context.js';
import { User } from '../accounts/index.js';
import { userById } from '../accounts/index.js';
import { blockedSql } from '../friends/index.js';
import { Tag } from '../tags/index.js';
import { roomVisibleSql } from './rooms.access.js';
import { Room } from './rooms.entity.js';

/** Rooms by raw id, whoever asks (for callers who already checked, e.g. `Call.room`). */
export function roomById(ctx: Context): DataLoader<string, Room | null> {
  return loader(ctx, 'roomById', () => new DataLoader<string, Room | null>(async (ids) => {
    const rows = await ctx.em.find(Room, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

/** Rooms by raw id that the viewer may see (see rooms.access.ts); null otherwise. */
export function visibleRoomById(ctx: Context): DataLoader<string, Room | null> {
  return loader(ctx, 'visibleRoomById', () => new DataLoader<string, Room | null>(async (ids) => {
    const visible = roomVisibleSql('r', ctx.viewer?.id ?? null);
    const rows = await ctx.em.execute(
      `select r.* from rooms r where r.id in (?) and ${visible.sql}`, [[...ids], ...visible.params]);
    const byId = new Map(rows.map((row: Record<string, unknown>) => [row.id as string, ctx.em.map(Room, row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
}

export function tagsOfRoom(ctx: Context): DataLoader<string, Tag[]> {
  return loader(ctx, 'tagsOfRoom', () => new DataLoader<string, Tag[]>(async (ids) => {
    const rows = await ctx.em.execute(
      `select rt.room_id as _room_id, t.* from room_tags rt join tags t on t.id = rt.tag_id
        where rt.room_id in (?) order by rt.room_id, rt.position`, [[...ids]]);
    return ids.map((id) => rows.filter((row) => row._room_id === id).map(({ _room_id, ...row }) => ctx.em.map(Tag, row)));
  }));
}

/** Users connected to each room now, earliest first; users the viewer blocked (or who blocked them) are left out. */
export function participantsOfRoom(ctx: Context): DataLoader<string, User[]> {
  return loader(ctx, 'participantsOfRoom', () => new DataLoader<string, User[]>(async (ids) => {
    const hidden = blockedSql('p.user_id', ctx.viewer?.id ?? null);
    const rows: { room_id: string; user_id: string }[] = await ctx.em.execute(
      `select p.room_id, p.user_id from room_presence p
        where p.room_id in (?) and not (${hidden.sql}) order by p.room_id, p.joined_at, p.user_id`, [[...ids], ...hidden.params]);
    const users = await userById(ctx).loadMany(rows.map((r) => r.user_id));
    const groups = new Map<string, User[]>();
    rows.forEach((r, i) => {
      const user = users[i];
      if (!(user instanceof User)) return;
      groups.set(r.room_id, [...(groups.get(r.room_id) ?? []), user]);
    });
    return ids.map((id) => groups.get(id) ?? []);
  }));
}

/** How many users are connected to each room now (as LiveKit reports through webhooks). */
export function participantCountOfRoom(ctx: Context): DataLoader<string, number> {
  return loader(ctx, 'participantCountOfRoom', () => new DataLoader<string, number>(async (ids) => {
    const rows: { room_id: string; n: number }[] = await ctx.em.execute(
      'select room_id, count(*)::int as n from room_presence where room_id in (?) group by room_id', [[...ids]]);
    const byId = new Map(rows.map((r) => [r.room_id, r.n]));
    return ids.map((id) => byId.get(id) ?? 0);
  }));
}

/** Whether the viewer is a participant (member not left, or connected) of each room. */
export function viewerIsParticipantOf(ctx: Context): DataLoader<string, boolean> {
  return loader(ctx, 'viewerIsParticipantOf', () => new DataLoader<string, boolean>(async (ids) => {
    const viewerId = ctx.viewer?.id;
    if (!viewerId) return ids.map(() => false);
    const rows: { room_id: string }[] = await ctx.em.execute(
      `select room_id from room_presence where user_id = ? and room_id in (?)
       union select room_id from room_members where user_id = ? and left_at is null and room_id in (?)`,
      [viewerId, [...ids], viewerId, [...ids]]);
    const found = new Set(rows.map((r) => r.room_id));
    return ids.map((id) => found.has(id));
  }));
}
