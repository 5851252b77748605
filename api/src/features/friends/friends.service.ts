import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { conflict, forbidden, invalid, notFound } from '../../graphql/errors.js';
import { inTransaction, type AfterCommit } from '../../lib/transaction.js';
import { FriendRequest } from './friends.entity.js';
import { isUuid } from '../../kernel/ids.js';
import { areFriends, isBlockedEither } from './friends.relations.js';

const HOUR_MS = 60 * 60 * 1000;

type RequestAction = 'accept' | 'decline' | 'cancel';

/**
 * Friend requests, friendships, follows and blocks. Every write between two users first takes a
 * transaction-scoped advisory lock on the (unordered) pair, so concurrent requests, accepts and
 * blocks between the same two people run one after the other.
 */
export class FriendsService {
  /** True when a blocked b or b blocked a (runs in `em`'s transaction when it is one). */
  isBlockedEither(em: EntityManager, a: string, b: string): Promise<boolean> {
    return isBlockedEither(em, a, b);
  }

  areFriends(em: EntityManager, a: string, b: string): Promise<boolean> {
    return areFriends(em, a, b);
  }

  async sendFriendRequest(ctx: Context, viewerId: string, targetId: string | null): Promise<FriendRequest> {
    const target = await this.checkTarget(ctx.em, viewerId, targetId, 'You cannot send a friend request to yourself.');
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      await lockPair(tx, viewerId, target);
      if (await isBlockedEither(tx, viewerId, target)) throw forbidden('You cannot send a friend request to this user.', ['userId']);
      if (await areFriends(tx, viewerId, target)) throw conflict('You are already friends.', ['userId']);
      const pending = await pendingBetween(tx, viewerId, target);
      if (pending.some((r) => r.from_id === viewerId)) throw conflict('You already sent this user a friend request.', ['userId']);
      const theirs = pending.find((r) => r.from_id === target);
      if (theirs) return this.accept(ctx, tx, afterCommit, theirs.id, viewerId, target);

      const request = tx.create(FriendRequest, { from: viewerId, to: target, status: 'PENDING', createdAt: new Date(), respondedAt: null });
      await tx.flush();
      await ctx.services.notifications.notify(tx, afterCommit, {
        recipientId: target, type: 'FRIEND_REQUEST', actorId: viewerId,
        dedupeKey: `friend_request:${viewerId}`, dedupeWithinMs: HOUR_MS,
      });
      return request;
    });
  }

  /** Accept or decline (addressee only) or cancel (sender only) a pending request. */
  async respond(ctx: Context, viewerId: string, requestId: string | null, action: RequestAction): Promise<FriendRequest> {
    if (!requestId) throw notFound('No such friend request.', ['requestId']);
    const [first] = await ctx.em.execute<{ from_id: string; to_id: string }[]>(
      'select from_id, to_id from friend_requests where id = ?', [requestId]);
    if (!first) throw notFound('No such friend request.', ['requestId']);
    const allowed = action === 'cancel' ? first.from_id === viewerId : first.to_id === viewerId;
    if (!allowed) {
      throw forbidden(action === 'cancel' ? 'Only the sender can cancel a friend request.' : 'Only the addressee can answer a friend request.', ['requestId']);
    }
    return inTransaction(ctx.em, async (tx, afterCommit) => {
      await lockPair(tx, first.from_id, first.to_id);
      const [row] = await tx.execute<{ status: string }[]>('select status from friend_requests where id = ?', [requestId]);
      if (row?.status !== 'PENDING') throw conflict('This friend request is no longer pending.', ['requestId']);
      if (action === 'accept') return this.accept(ctx, tx, afterCommit, requestId, first.to_id, first.from_id);
      await tx.execute('update friend_requests set status = ?, responded_at = ? where id = ?',
        [action === 'decline' ? 'DECLINED' : 'CANCELED', new Date(), requestId]);
      return loadRequest(tx, requestId);
    });
  }

  /** Ends the friendship for both; nothing to do when they are not friends. */
  async removeFriend(ctx: Context, viewerId: string, targetId: string | null): Promise<string> {
    const target = await this.checkTarget(ctx.em, viewerId, targetId, 'You cannot unfriend yourself.');
    await inTransaction(ctx.em, async (tx) => {
      await lockPair(tx, viewerId, target);
      await deleteFriendship(tx, viewerId, target);
    });
    return target;
  }

  /** Following needs no consent; following again is a no-op. */
  async follow(ctx: Context, viewerId: string, targetId: string | null): Promise<string> {
    const target = await this.checkTarget(ctx.em, viewerId, targetId, 'You cannot follow yourself.');
    await inTransaction(ctx.em, async (tx, afterCommit) => {
      await lockPair(tx, viewerId, target);
      if (await isBlockedEither(tx, viewerId, target)) throw forbidden('You cannot follow this user.', ['userId']);
      const inserted = await tx.execute(
        'insert into follows (follower_id, followee_id, created_at) values (?, ?, ?) on conflict do nothing returning 1 as x',
        [viewerId, target, new Date()]);
      if (!inserted.length) return;
      // Unfollowing and following again within the hour does not notify twice.
      await ctx.services.notifications.notify(tx, afterCommit, {
        recipientId: target, type: 'FOLLOW', actorId: viewerId, dedupeKey: `follow:${viewerId}`, dedupeWithinMs: HOUR_MS,
      });
    });
    return target;
  }

  async unfollow(ctx: Context, viewerId: string, targetId: string | null): Promise<string> {
    const target = await this.checkTarget(ctx.em, viewerId, targetId, 'You cannot unfollow yourself.');
    await ctx.em.execute('delete from follows where follower_id = ? and followee_id = ?', [viewerId, target]);
    return target;
  }

  /** Ends any friendship, follows both ways and pending requests between the two (requests → CANCELED). */
  async block(ctx: Context, viewerId: string, targetId: string | null): Promise<string> {
    const target = await this.checkTarget(ctx.em, viewerId, targetId, 'You cannot block yourself.');
    await inTransaction(ctx.em, async (tx) => {
      await lockPair(tx, viewerId, target);
      await tx.execute('insert into blocks (blocker_id, blocked_id, created_at) values (?, ?, ?) on conflict do nothing',
        [viewerId, target, new Date()]);
      await deleteFriendship(tx, viewerId, target);
      await tx.execute('delete from follows where (follower_id = ? and followee_id = ?) or (follower_id = ? and followee_id = ?)',
        [viewerId, target, target, viewerId]);
      await tx.execute(
        `update friend_requests set status = 'CANCELED', responded_at = ?
          where status = 'PENDING' and ((from_id = ? and to_id = ?) or (from_id = ? and to_id = ?))`,
        [new Date(), viewerId, target, target, viewerId]);
    });
    return target;
  }

  async unblock(ctx: Context, viewerId: string, targetId: string | null): Promise<string> {
    const target = await this.checkTarget(ctx.em, viewerId, targetId, 'You cannot unblock yourself.');
    await ctx.em.execute('delete from blocks where blocker_id = ? and blocked_id = ?', [viewerId, target]);
    return target;
  }

  private async accept(ctx: Context, tx: EntityManager, afterCommit: AfterCommit, requestId: string, accepterId: string, senderId: string) {
    const now = new Date();
    await tx.execute(`update friend_requests set status = 'ACCEPTED', responded_at = ? where id = ?`, [now, requestId]);
    await tx.execute(
      'insert into friendships (user_id, friend_id, created_at) values (?, ?, ?), (?, ?, ?) on conflict do nothing',
      [accepterId, senderId, now, senderId, accepterId, now]);
    await ctx.services.notifications.notify(tx, afterCommit, { recipientId: senderId, type: 'FRIEND_ACCEPTED', actorId: accepterId });
    return loadRequest(tx, requestId);
  }

  /** The raw id of an existing other user, or the matching user error. */
  private async checkTarget(em: EntityManager, viewerId: string, targetId: string | null, selfMessage: string): Promise<string> {
    if (!isUuid(targetId)) throw notFound('No such user.', ['userId']);
    if (targetId === viewerId) throw invalid(['userId'], selfMessage);
    const rows = await em.execute('select 1 from users where id = ?', [targetId]);
    if (!rows.length) throw notFound('No such user.', ['userId']);
    return targetId;
  }
}

async function lockPair(tx: EntityManager, a: string, b: string): Promise<void> {
  const key = a < b ? `friends:${a}:${b}` : `friends:${b}:${a}`;
  await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
}

async function pendingBetween(tx: EntityManager, a: string, b: string): Promise<{ id: string; from_id: string }[]> {
  return tx.execute(
    `select id, from_id from friend_requests
      where status = 'PENDING' and ((from_id = ? and to_id = ?) or (from_id = ? and to_id = ?))`, [a, b, b, a]);
}

async function deleteFriendship(tx: EntityManager, a: string, b: string): Promise<void> {
  await tx.execute(
    'delete from friendships where (user_id = ? and friend_id = ?) or (user_id = ? and friend_id = ?)', [a, b, b, a]);
}

async function loadRequest(tx: EntityManager, id: string): Promise<FriendRequest> {
  const [row] = await tx.execute('select * from friend_requests where id = ?', [id]);
  return tx.map(FriendRequest, row);
}
