/**
 * Every query on the friends tables (migration Migration20261126001000Friends):
 * - `friend_requests (id, from_id, to_id, status, created_at, responded_at)` — at most one PENDING per direction.
 * - `friendships (user_id, friend_id, created_at)` — stored in BOTH directions, primary key (user_id, friend_id),
 *   so every lookup is a single index probe on the primary key.
 * - `follows (follower_id, followee_id, created_at)` — primary key (follower_id, followee_id).
 * - `blocks (blocker_id, blocked_id, created_at)` — primary key (blocker_id, blocked_id), plus an index on
 *   (blocked_id, blocker_id) for the reverse direction.
 *
 * All ids are raw uuids. Reads used by other features treat malformed ids as "no relation" (they would fail
 * the uuid cast). Every method runs in the transaction of `em` when it is one.
 * The ORM inlines an array parameter as a comma-separated list, hence `array[?]::uuid[]`, never `?::uuid[]`.
 */
import { sql, type Db } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import { userSelect } from '../accounts/index.js';
import { FriendRequest, type FriendRequestState } from './friends.entity.js';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * SQL predicate (with `?` params) true when user column `column` is hidden from the viewer (blocked either way).
 * Signed out (null viewer): nothing is hidden, the predicate is `false`. Use as `... and not ${sql}`.
 */
export function blockedSql(column: string, viewerId: string | null): SqlFragment {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return {
    sql:
      `exists (select 1 from blocks _blk where (_blk.blocker_id = ?::uuid and _blk.blocked_id = ${column})` +
      ` or (_blk.blocker_id = ${column} and _blk.blocked_id = ?::uuid))`,
    params: [viewerId, viewerId],
  };
}

/**
 * SQL predicate (with `?` params) true when the user in `column` blocked the viewer (`false` signed out): their
 * profile is hidden from the viewer, while the viewer still sees whom they blocked themselves (to unblock them).
 */
export function blockedViewerSql(column: string, viewerId: string | null): SqlFragment {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return { sql: `exists (select 1 from blocks _bv where _bv.blocker_id = ${column} and _bv.blocked_id = ?::uuid)`, params: [viewerId] };
}

/** SQL predicate (with `?` params): user column `col` is a friend of the viewer (`false` signed out). */
export function friendOfSql(col: string, viewerId: string | null): SqlFragment {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return { sql: `exists (select 1 from friendships _fof where _fof.user_id = ${col} and _fof.friend_id = ?::uuid)`, params: [viewerId] };
}

/**
 * SQL predicate: author column `column` is the viewer, a friend of the viewer, or followed by the viewer (home feed).
 * Does not exclude blocks by itself (a block already ends friendships and follows both ways).
 */
export function feedAuthorsSql(column: string, viewerId: string): SqlFragment {
  if (!isUuid(viewerId)) return { sql: 'false', params: [] };
  return {
    sql:
      `(${column} = ?::uuid` +
      ` or exists (select 1 from friendships _fr where _fr.user_id = ?::uuid and _fr.friend_id = ${column})` +
      ` or exists (select 1 from follows _fol where _fol.follower_id = ?::uuid and _fol.followee_id = ${column}))`,
    params: [viewerId, viewerId, viewerId],
  };
}

/**
 * SQL predicate (with `?` params): the user in `column` has a private account and the viewer may not see their
 * content: the viewer is not them, not a friend, not an approved follower and not staff. Signed out: every private
 * account is hidden. Use as `... and not (${sql})`, next to `blockedSql`.
 */
export function privateHiddenSql(column: string, viewerId: string | null): SqlFragment {
  const isPrivate = `exists (select 1 from users _pu where _pu.id = ${column} and _pu.is_private)`;
  if (!isUuid(viewerId)) return { sql: isPrivate, params: [] };
  return {
    sql:
      `(${isPrivate} and ${column} <> ?::uuid` +
      ` and not exists (select 1 from friendships _pf where _pf.user_id = ${column} and _pf.friend_id = ?::uuid)` +
      ` and not exists (select 1 from follows _pfo where _pfo.followee_id = ${column} and _pfo.follower_id = ?::uuid)` +
      ` and not exists (select 1 from users _pst where _pst.id = ?::uuid and _pst.role in ('MODERATOR', 'ADMIN')))`,
    params: [viewerId, viewerId, viewerId, viewerId],
  };
}

export interface RequestPartiesRow {
  fromId: string;
  toId: string;
}
export interface PendingRequestRow {
  id: string;
  fromId: string;
}
export interface RelationCountsRow {
  id: string;
  friendCount: number;
  followerCount: number;
  followingCount: number;
}
export interface ViewerRelationRow {
  id: string;
  friends: boolean;
  requestSent: boolean;
  requestReceived: boolean;
  viewerIsFollowing: boolean;
  followsViewer: boolean;
  viewerHasBlocked: boolean;
  /** The viewer asked to follow this (private) user and waits for approval. */
  followRequested: boolean;
  /** This user blocked the viewer. */
  blockedViewer: boolean;
  /** This user's posts are hidden from the viewer by their private account (`privateHiddenSql`). */
  privateHidden: boolean;
}
/** A user on someone's friends/followers/following list; `user` holds accounts' public user columns (for `primeUser`). */
export interface RelatedUserRow {
  /** PostgreSQL's own text of the relation's timestamp: the cursor keeps it, so it round-trips exactly. */
  since: string;
  user: Record<string, unknown> & { id: string };
}

export type RequestSide = 'INCOMING' | 'OUTGOING';
export type RelationList = 'friends' | 'followers' | 'following' | 'followRequests';

/** Which table and columns each list of related users reads. */
const LISTS: Record<RelationList, { table: string; ownerCol: string; otherCol: string }> = {
  friends: { table: 'friendships', ownerCol: 'user_id', otherCol: 'friend_id' },
  followers: { table: 'follows', ownerCol: 'followee_id', otherCol: 'follower_id' },
  following: { table: 'follows', ownerCol: 'follower_id', otherCol: 'followee_id' },
  followRequests: { table: 'follow_requests', ownerCol: 'followee_id', otherCol: 'follower_id' },
};
const requestColumn = (side: RequestSide) => (side === 'INCOMING' ? 'to_id' : 'from_id');

/** For statements whose result nobody reads. */
async function run(em: Db, text: string, params: unknown[]): Promise<void> {
  await sql<Record<string, never>>(em, text, params);
}

export class FriendsRepository {
  // ---- relations other features ask about ----

  async areFriends(em: Db, a: string, b: string): Promise<boolean> {
    if (!isUuid(a) || !isUuid(b) || a === b) return false;
    const rows = await sql<{ one: number }>(em, 'select 1 as one from friendships where user_id = ? and friend_id = ? limit 1', [a, b]);
    return rows.length > 0;
  }

  /** True when a blocked b or b blocked a. */
  async isBlockedEither(em: Db, a: string, b: string): Promise<boolean> {
    if (!isUuid(a) || !isUuid(b) || a === b) return false;
    const rows = await sql<{ one: number }>(
      em,
      'select 1 as one from blocks where (blocker_id = ? and blocked_id = ?) or (blocker_id = ? and blocked_id = ?) limit 1',
      [a, b, b, a],
    );
    return rows.length > 0;
  }

  /** Ids of the user's friends, newest friendship first. */
  async friendIds(em: Db, userId: string): Promise<string[]> {
    if (!isUuid(userId)) return [];
    const rows = await sql<{ friendId: string }>(
      em,
      'select friend_id as "friendId" from friendships where user_id = ? order by created_at desc, friend_id desc',
      [userId],
    );
    return rows.map((r) => r.friendId);
  }

  // ---- writes ----

  /** Serialises every write between the same two people (transaction-scoped advisory lock on the unordered pair). */
  async lockPair(tx: Db, a: string, b: string): Promise<void> {
    const key = a < b ? `friends:${a}:${b}` : `friends:${b}:${a}`;
    await run(tx, 'select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
  }

  async pendingBetween(tx: Db, a: string, b: string): Promise<PendingRequestRow[]> {
    return sql<PendingRequestRow>(
      tx,
      `select id, from_id as "fromId" from friend_requests
        where status = 'PENDING' and ((from_id = ? and to_id = ?) or (from_id = ? and to_id = ?))`,
      [a, b, b, a],
    );
  }

  async createRequest(tx: Db, fromId: string, toId: string): Promise<FriendRequest> {
    const request = tx.create(FriendRequest, { from: fromId, to: toId, status: 'PENDING', createdAt: new Date(), respondedAt: null });
    await tx.flush();
    return request;
  }

  async requestParties(em: Db, requestId: string): Promise<RequestPartiesRow | null> {
    const [row] = await sql<RequestPartiesRow>(em, 'select from_id as "fromId", to_id as "toId" from friend_requests where id = ?', [
      requestId,
    ]);
    return row ?? null;
  }

  async requestStatus(tx: Db, requestId: string): Promise<FriendRequestState | null> {
    const [row] = await sql<{ status: FriendRequestState }>(tx, 'select status from friend_requests where id = ?', [requestId]);
    return row?.status ?? null;
  }

  async setRequestStatus(tx: Db, requestId: string, status: FriendRequestState, at: Date): Promise<void> {
    await run(tx, 'update friend_requests set status = ?, responded_at = ? where id = ?', [status, at, requestId]);
  }

  /** The request as stored now (read past the identity map, after raw updates). */
  async loadRequest(tx: Db, requestId: string): Promise<FriendRequest> {
    const [row] = await sql<Record<string, unknown>>(tx, 'select * from friend_requests where id = ?', [requestId]);
    return tx.map(FriendRequest, row);
  }

  async insertFriendship(tx: Db, a: string, b: string, at: Date): Promise<void> {
    await run(tx, 'insert into friendships (user_id, friend_id, created_at) values (?, ?, ?), (?, ?, ?) on conflict do nothing', [
      a,
      b,
      at,
      b,
      a,
      at,
    ]);
  }

  async deleteFriendship(tx: Db, a: string, b: string): Promise<void> {
    await run(tx, 'delete from friendships where (user_id = ? and friend_id = ?) or (user_id = ? and friend_id = ?)', [a, b, b, a]);
  }

  /** False when the follow already existed. */
  async insertFollow(tx: Db, followerId: string, followeeId: string, at: Date): Promise<boolean> {
    const inserted = await sql<{ x: number }>(
      tx,
      'insert into follows (follower_id, followee_id, created_at) values (?, ?, ?) on conflict do nothing returning 1 as x',
      [followerId, followeeId, at],
    );
    return inserted.length > 0;
  }

  async deleteFollow(em: Db, followerId: string, followeeId: string): Promise<void> {
    await run(em, 'delete from follows where follower_id = ? and followee_id = ?', [followerId, followeeId]);
  }

  async deleteFollowsBetween(tx: Db, a: string, b: string): Promise<void> {
    await run(tx, 'delete from follows where (follower_id = ? and followee_id = ?) or (follower_id = ? and followee_id = ?)', [a, b, b, a]);
    await run(tx, 'delete from follow_requests where (follower_id = ? and followee_id = ?) or (follower_id = ? and followee_id = ?)', [
      a,
      b,
      b,
      a,
    ]);
  }

  /** Whether the user's account is private (their follows need approval). */
  async isPrivate(em: Db, userId: string): Promise<boolean> {
    const [row] = await sql<{ isPrivate: boolean }>(em, 'select is_private as "isPrivate" from users where id = ?', [userId]);
    return row?.isPrivate ?? false;
  }

  /** False when the request already existed. */
  async insertFollowRequest(tx: Db, followerId: string, followeeId: string, at: Date): Promise<boolean> {
    const inserted = await sql<{ x: number }>(
      tx,
      'insert into follow_requests (follower_id, followee_id, created_at) values (?, ?, ?) on conflict do nothing returning 1 as x',
      [followerId, followeeId, at],
    );
    return inserted.length > 0;
  }

  /** False when there was no such request. */
  async deleteFollowRequest(em: Db, followerId: string, followeeId: string): Promise<boolean> {
    const deleted = await sql<{ x: number }>(em, 'delete from follow_requests where follower_id = ? and followee_id = ? returning 1 as x', [
      followerId,
      followeeId,
    ]);
    return deleted.length > 0;
  }

  /** Every pending request to `followeeId` becomes a follow (kept at the time it was asked). */
  async acceptAllFollowRequests(tx: Db, followeeId: string): Promise<void> {
    await run(
      tx,
      `with asked as (delete from follow_requests where followee_id = ? returning follower_id, followee_id, created_at)
       insert into follows (follower_id, followee_id, created_at) select follower_id, followee_id, created_at from asked on conflict do nothing`,
      [followeeId],
    );
  }

  async countFollowRequests(em: Db, followeeId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(em, 'select count(*)::int as n from follow_requests where followee_id = ?', [followeeId]);
    return row.n;
  }

  async insertBlock(tx: Db, blockerId: string, blockedId: string, at: Date): Promise<void> {
    await run(tx, 'insert into blocks (blocker_id, blocked_id, created_at) values (?, ?, ?) on conflict do nothing', [
      blockerId,
      blockedId,
      at,
    ]);
  }

  async deleteBlock(em: Db, blockerId: string, blockedId: string): Promise<void> {
    await run(em, 'delete from blocks where blocker_id = ? and blocked_id = ?', [blockerId, blockedId]);
  }

  async cancelPendingBetween(tx: Db, a: string, b: string, at: Date): Promise<void> {
    await run(
      tx,
      `update friend_requests set status = 'CANCELED', responded_at = ?
        where status = 'PENDING' and ((from_id = ? and to_id = ?) or (from_id = ? and to_id = ?))`,
      [at, a, b, b, a],
    );
  }

  // ---- reads for lists and loaders ----

  /** Pending requests to (INCOMING) or from (OUTGOING) the user, newest first, after the `(created_at, id)` cursor. */
  async pendingRequests(
    em: Db,
    userId: string,
    side: RequestSide,
    limit: number,
    after: (string | number)[] | null,
  ): Promise<FriendRequest[]> {
    const rows = await sql<Record<string, unknown>>(
      em,
      `select * from friend_requests where ${requestColumn(side)} = ? and status = 'PENDING'
         and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
       order by created_at desc, id desc limit ?`,
      [userId, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    return rows.map((row) => em.map(FriendRequest, row));
  }

  async countPendingRequests(em: Db, userId: string, side: RequestSide): Promise<number> {
    const [row] = await sql<{ n: number }>(
      em,
      `select count(*)::int as n from friend_requests where ${requestColumn(side)} = ? and status = 'PENDING'`,
      [userId],
    );
    return row.n;
  }

  async requestsByIds(em: Db, ids: readonly string[]): Promise<FriendRequest[]> {
    return em.find(FriendRequest, { id: { $in: [...ids] } });
  }

  /** Users related to `ownerId` through `list`, newest relation first, leaving out users blocked either way by the viewer. */
  async relatedUsers(
    em: Db,
    list: RelationList,
    ownerId: string,
    viewerId: string | null,
    limit: number,
    after: (string | number)[] | null,
  ): Promise<RelatedUserRow[]> {
    const { table, ownerCol, otherCol } = LISTS[list];
    const hidden = blockedSql('u.id', viewerId);
    // The lists of someone blocked either way, or of a private account the viewer may not see, are empty.
    const ownerHidden = blockedSql(`r.${ownerCol}`, viewerId);
    const ownerPrivate = privateHiddenSql(`r.${ownerCol}`, viewerId);
    const rows = await sql<{ since: string; id: string } & Record<string, unknown>>(
      em,
      `select ${userSelect('u', '')}, r.created_at::text as since from ${table} r join users u on u.id = r.${otherCol}
        where r.${ownerCol} = ? and not ${hidden.sql} and not ${ownerHidden.sql} and not (${ownerPrivate.sql})
          and (?::timestamptz is null or (r.created_at, r.${otherCol}) < (?::timestamptz, ?::uuid))
        order by r.created_at desc, r.${otherCol} desc limit ?`,
      [
        ownerId,
        ...hidden.params,
        ...ownerHidden.params,
        ...ownerPrivate.params,
        after?.[0] ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit,
      ],
    );
    return rows.map(({ since, ...user }) => ({ since: String(since), user }));
  }

  /**
   * friendCount, followerCount and followingCount of many users in ONE statement. Users hidden from the viewer
   * by a block are not counted, so the counts agree with the lists; someone blocked either way has no counts at all.
   */
  async relationCounts(em: Db, viewerId: string | null, ids: readonly string[]): Promise<RelationCountsRow[]> {
    const hideFriend = blockedSql('f.friend_id', viewerId);
    const hideFollower = blockedSql('fr.follower_id', viewerId);
    const hideFollowee = blockedSql('fe.followee_id', viewerId);
    const hideOwner = blockedSql('u.id', viewerId);
    return sql<RelationCountsRow>(
      em,
      `select u.id,
         (select count(*)::int from friendships f where f.user_id = u.id and not ${hideFriend.sql}) as "friendCount",
         (select count(*)::int from follows fr where fr.followee_id = u.id and not ${hideFollower.sql}) as "followerCount",
         (select count(*)::int from follows fe where fe.follower_id = u.id and not ${hideFollowee.sql}) as "followingCount"
       from unnest(array[?]::uuid[]) as u(id) where not ${hideOwner.sql}`,
      [...hideFriend.params, ...hideFollower.params, ...hideFollowee.params, [...ids], ...hideOwner.params],
    );
  }

  /** Every viewer-relative flag (friendship, pending requests, follows, block) of many users in ONE statement. */
  async viewerRelations(em: Db, viewerId: string, ids: readonly string[]): Promise<ViewerRelationRow[]> {
    const hidden = privateHiddenSql('u.id', viewerId);
    return sql<ViewerRelationRow>(
      em,
      `select u.id,
         exists (select 1 from friendships f where f.user_id = v.id and f.friend_id = u.id) as friends,
         exists (select 1 from friend_requests r where r.from_id = v.id and r.to_id = u.id and r.status = 'PENDING') as "requestSent",
         exists (select 1 from friend_requests r where r.from_id = u.id and r.to_id = v.id and r.status = 'PENDING') as "requestReceived",
         exists (select 1 from follows o where o.follower_id = v.id and o.followee_id = u.id) as "viewerIsFollowing",
         exists (select 1 from follows o where o.follower_id = u.id and o.followee_id = v.id) as "followsViewer",
         exists (select 1 from blocks b where b.blocker_id = v.id and b.blocked_id = u.id) as "viewerHasBlocked",
         exists (select 1 from follow_requests q where q.follower_id = v.id and q.followee_id = u.id) as "followRequested",
         exists (select 1 from blocks b where b.blocker_id = u.id and b.blocked_id = v.id) as "blockedViewer",
         ${hidden.sql} as "privateHidden"
       from unnest(array[?]::uuid[]) as u(id), (select ?::uuid as id) as v`,
      [...hidden.params, [...ids], viewerId],
    );
  }
}
