import { isUuid } from '../../kernel/ids.js';
/**
 * Relation queries other features (posts, calls, search) use to respect friendships, follows and blocks.
 *
 * Tables (migration Migration20261126001000Friends):
 * - `friendships (user_id, friend_id, created_at)` — stored in BOTH directions, primary key (user_id, friend_id),
 *   so every lookup is a single index probe on the primary key.
 * - `follows (follower_id, followee_id, created_at)` — primary key (follower_id, followee_id).
 * - `blocks (blocker_id, blocked_id, created_at)` — primary key (blocker_id, blocked_id), plus an index on
 *   (blocked_id, blocker_id) for the reverse direction.
 *
 * All ids are raw uuids. Malformed ids never reach PostgreSQL (they would fail the uuid cast): they are
 * treated as "no relation". The async helpers run in the transaction of `em` when it is one (`em.execute`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


export async function areFriends(em: EntityManager, a: string, b: string): Promise<boolean> {
  if (!isUuid(a) || !isUuid(b) || a === b) return false;
  const rows = await em.execute(
    `select 1 from friendships where user_id = ? and friend_id = ? limit 1`, [a, b]);
  return rows.length > 0;
}

/** True when a blocked b or b blocked a. */
export async function isBlockedEither(em: EntityManager, a: string, b: string): Promise<boolean> {
  if (!isUuid(a) || !isUuid(b) || a === b) return false;
  const rows = await em.execute(
    `select 1 from blocks where (blocker_id = ? and blocked_id = ?) or (blocker_id = ? and blocked_id = ?) limit 1`,
    [a, b, b, a]);
  return rows.length > 0;
}

/** Ids of the user's friends, newest friendship first. */
export async function friendIds(em: EntityManager, userId: string): Promise<string[]> {
  if (!isUuid(userId)) return [];
  const rows: { friend_id: string }[] = await em.execute(
    `select friend_id from friendships where user_id = ? order by created_at desc, friend_id desc`, [userId]);
  return rows.map((r) => r.friend_id);
}

/**
 * SQL predicate (with `?` params) true when user column `col` is hidden from viewer (blocked either way).
 * Signed out (null viewer): nothing is hidden, the predicate is `false`.
 * Use as `... and not (${sql})`.
 */
export function blockedSql(col: string, viewerId: string | null): { sql: string; params: unknown[] } {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return {
    sql: `exists (select 1 from blocks _blk where (_blk.blocker_id = ?::uuid and _blk.blocked_id = ${col})` +
      ` or (_blk.blocker_id = ${col} and _blk.blocked_id = ?::uuid))`,
    params: [viewerId, viewerId],
  };
}

/** SQL predicate (with `?` params): user column `col` is a friend of the viewer (`false` signed out). */
export function friendOfSql(col: string, viewerId: string | null): { sql: string; params: unknown[] } {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return { sql: `exists (select 1 from friendships _fof where _fof.user_id = ${col} and _fof.friend_id = ?::uuid)`, params: [viewerId] };
}

/**
 * SQL predicate: author column `col` is the viewer, a friend of the viewer, or followed by the viewer (home feed).
 * Does not exclude blocks by itself (a block already ends friendships and follows both ways).
 */
export function feedAuthorsSql(col: string, viewerId: string): { sql: string; params: unknown[] } {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return {
    sql: `(${col} = ?::uuid` +
      ` or exists (select 1 from friendships _fr where _fr.user_id = ?::uuid and _fr.friend_id = ${col})` +
      ` or exists (select 1 from follows _fol where _fol.follower_id = ?::uuid and _fol.followee_id = ${col}))`,
    params: [viewerId, viewerId, viewerId],
  };
}
