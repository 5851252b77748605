import { type Actor, rateKey } from '../../kernel/actor.js';
import { inTransaction, type AfterCommit, type Db } from '../../kernel/db.js';
import { conflict, forbidden, invalid, notFound } from '../../kernel/errors.js';
import { isUuid } from '../../kernel/ids.js';
import type { RateLimits } from '../../kernel/rate-limit.js';
import { paginate, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { EventBus } from '../../kernel/events.js';
import type { NotificationsService } from '../notifications/index.js';
import { FRIENDSHIP_ENDED, USER_BLOCKED, type FriendshipEndedEvent, type UserBlockedEvent } from './friends.events.js';
import type { FriendRequest } from './friends.entity.js';
import type {
  FriendsRepository,
  RelatedUserRow,
  RelationCountsRow,
  RelationList,
  RequestSide,
  ViewerRelationRow,
} from './friends.repository.js';

const HOUR_MS = 60 * 60 * 1000;

export type RequestAction = 'accept' | 'decline' | 'cancel';
export type RelationCounts = Omit<RelationCountsRow, 'id'>;
export type ViewerRelation = Omit<ViewerRelationRow, 'id'>;

/** What friends needs to know about users (accounts implements it). */
export interface UserDirectory {
  exists(em: Db, userId: string): Promise<boolean>;
}

/** Target user ids arrive decoded by the adapter: null when the global id was malformed. */
export interface UserTargetInput {
  userId: string | null;
}
export interface RespondInput {
  requestId: string | null;
  action: RequestAction;
}
export interface FriendRequestsInput extends PageInput {
  direction: RequestSide;
}
export interface RelatedUsersPageInput {
  ownerId: string;
  list: RelationList;
  limit: number;
  after: (string | number)[] | null;
}

const NO_COUNTS: RelationCounts = { friendCount: 0, followerCount: 0, followingCount: 0 };
const NO_RELATION: ViewerRelation = {
  friends: false,
  requestSent: false,
  requestReceived: false,
  viewerIsFollowing: false,
  followsViewer: false,
  viewerHasBlocked: false,
};

/**
 * Friend requests, friendships, follows and blocks. Every write between two users first takes a
 * transaction-scoped advisory lock on the (unordered) pair, so concurrent requests, accepts and
 * blocks between the same two people run one after the other.
 */
export class FriendsService {
  constructor(
    private readonly repository: FriendsRepository,
    private readonly notifications: NotificationsService,
    private readonly users: UserDirectory,
    /** After commit: `USER_BLOCKED` and `FRIENDSHIP_ENDED` (friends.events.ts). */
    private readonly events: EventBus,
    private readonly rateLimits: RateLimits,
  ) {}

  // ---- asked by other features (raw uuids; malformed ones mean "no relation") ----

  areFriends(em: Db, a: string, b: string): Promise<boolean> {
    return this.repository.areFriends(em, a, b);
  }

  /** True when a blocked b or b blocked a. */
  isBlockedEither(em: Db, a: string, b: string): Promise<boolean> {
    return this.repository.isBlockedEither(em, a, b);
  }

  /** Ids of the user's friends, newest friendship first. */
  friendIds(em: Db, userId: string): Promise<string[]> {
    return this.repository.friendIds(em, userId);
  }

  // ---- writes ----

  /** Sending to someone who already asked you accepts their request. */
  async sendFriendRequest(actor: Actor, em: Db, input: UserTargetInput): Promise<FriendRequest> {
    const target = await this.checkTarget(actor, em, input.userId, 'You cannot send a friend request to yourself.');
    await this.rateLimits.consume('friendRequests', [rateKey(actor)]);
    return inTransaction(em, async (tx, afterCommit) => {
      await this.repository.lockPair(tx, actor.id, target);
      if (await this.repository.isBlockedEither(tx, actor.id, target))
        throw forbidden('You cannot send a friend request to this user.', ['userId']);
      if (await this.repository.areFriends(tx, actor.id, target)) throw conflict('You are already friends.', ['userId']);
      const pending = await this.repository.pendingBetween(tx, actor.id, target);
      if (pending.some((r) => r.fromId === actor.id)) throw conflict('You already sent this user a friend request.', ['userId']);
      const theirs = pending.find((r) => r.fromId === target);
      if (theirs) return this.accept(tx, afterCommit, theirs.id, actor.id, target);

      const request = await this.repository.createRequest(tx, actor.id, target);
      await this.notifications.notify(tx, afterCommit, {
        recipientId: target,
        type: 'FRIEND_REQUEST',
        actorId: actor.id,
        dedupeKey: `friend_request:${actor.id}`,
        dedupeWithinMs: HOUR_MS,
      });
      return request;
    });
  }

  /** Accept or decline (addressee only) or cancel (sender only) a pending request. */
  async respond(actor: Actor, em: Db, input: RespondInput): Promise<FriendRequest> {
    const { requestId, action } = input;
    if (!requestId) throw notFound('No such friend request.', ['requestId']);
    const parties = await this.repository.requestParties(em, requestId);
    if (!parties) throw notFound('No such friend request.', ['requestId']);
    const allowed = action === 'cancel' ? parties.fromId === actor.id : parties.toId === actor.id;
    if (!allowed) {
      throw forbidden(
        action === 'cancel' ? 'Only the sender can cancel a friend request.' : 'Only the addressee can answer a friend request.',
        ['requestId'],
      );
    }
    return inTransaction(em, async (tx, afterCommit) => {
      await this.repository.lockPair(tx, parties.fromId, parties.toId);
      if ((await this.repository.requestStatus(tx, requestId)) !== 'PENDING')
        throw conflict('This friend request is no longer pending.', ['requestId']);
      if (action === 'accept') return this.accept(tx, afterCommit, requestId, parties.toId, parties.fromId);
      await this.repository.setRequestStatus(tx, requestId, action === 'decline' ? 'DECLINED' : 'CANCELED', new Date());
      return this.repository.loadRequest(tx, requestId);
    });
  }

  /** Ends the friendship for both; nothing to do when they are not friends. Returns the other user's id. */
  async removeFriend(actor: Actor, em: Db, input: UserTargetInput): Promise<string> {
    const target = await this.checkTarget(actor, em, input.userId, 'You cannot unfriend yourself.');
    await inTransaction(em, async (tx, afterCommit) => {
      await this.repository.lockPair(tx, actor.id, target);
      await this.repository.deleteFriendship(tx, actor.id, target);
      afterCommit(() => this.events.publish(FRIENDSHIP_ENDED, { a: actor.id, b: target } satisfies FriendshipEndedEvent));
    });
    return target;
  }

  /** Following needs no consent; following again is a no-op. */
  async follow(actor: Actor, em: Db, input: UserTargetInput): Promise<string> {
    const target = await this.checkTarget(actor, em, input.userId, 'You cannot follow yourself.');
    await inTransaction(em, async (tx, afterCommit) => {
      await this.repository.lockPair(tx, actor.id, target);
      if (await this.repository.isBlockedEither(tx, actor.id, target)) throw forbidden('You cannot follow this user.', ['userId']);
      if (!(await this.repository.insertFollow(tx, actor.id, target, new Date()))) return;
      // Unfollowing and following again within the hour does not notify twice.
      await this.notifications.notify(tx, afterCommit, {
        recipientId: target,
        type: 'FOLLOW',
        actorId: actor.id,
        dedupeKey: `follow:${actor.id}`,
        dedupeWithinMs: HOUR_MS,
      });
    });
    return target;
  }

  async unfollow(actor: Actor, em: Db, input: UserTargetInput): Promise<string> {
    const target = await this.checkTarget(actor, em, input.userId, 'You cannot unfollow yourself.');
    await this.repository.deleteFollow(em, actor.id, target);
    return target;
  }

  /** Ends any friendship, follows both ways and pending requests between the two (requests → CANCELED). */
  async block(actor: Actor, em: Db, input: UserTargetInput): Promise<string> {
    const target = await this.checkTarget(actor, em, input.userId, 'You cannot block yourself.');
    await inTransaction(em, async (tx, afterCommit) => {
      const now = new Date();
      await this.repository.lockPair(tx, actor.id, target);
      await this.repository.insertBlock(tx, actor.id, target, now);
      await this.repository.deleteFriendship(tx, actor.id, target);
      await this.repository.deleteFollowsBetween(tx, actor.id, target);
      await this.repository.cancelPendingBetween(tx, actor.id, target, now);
      afterCommit(() => this.events.publish(USER_BLOCKED, { blockerId: actor.id, blockedId: target } satisfies UserBlockedEvent));
    });
    return target;
  }

  async unblock(actor: Actor, em: Db, input: UserTargetInput): Promise<string> {
    const target = await this.checkTarget(actor, em, input.userId, 'You cannot unblock yourself.');
    await this.repository.deleteBlock(em, actor.id, target);
    return target;
  }

  // ---- reads ----

  /** Pending requests to (INCOMING) or from (OUTGOING) the actor, newest first. */
  friendRequests(actor: Actor, em: Db, input: FriendRequestsInput): Promise<ConnectionShape<FriendRequest>> {
    return paginate({
      first: input.first,
      after: input.after,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => this.repository.pendingRequests(em, actor.id, input.direction, limit, after),
      keyOf: (r: FriendRequest) => [r.createdAt.toISOString(), r.id],
      count: () => this.repository.countPendingRequests(em, actor.id, input.direction),
    });
  }

  /** Requests by id, in the order asked; null unless the actor is one of the two people a request is between. */
  async visibleRequests(actor: Actor | null, em: Db, ids: readonly string[]): Promise<(FriendRequest | null)[]> {
    const byId = new Map((await this.repository.requestsByIds(em, ids)).map((r) => [r.id, r]));
    return ids.map((id) => {
      const found = byId.get(id);
      return found && actor && (found.from.id === actor.id || found.to.id === actor.id) ? found : null;
    });
  }

  /** One page of a user's friends/followers/following, hiding users blocked either way by the actor. */
  relatedUsersPage(actor: Actor | null, em: Db, input: RelatedUsersPageInput): Promise<RelatedUserRow[]> {
    return this.repository.relatedUsers(em, input.list, input.ownerId, actor?.id ?? null, input.limit, input.after);
  }

  /** The three counts of many users (one statement), agreeing with the lists the actor sees. */
  async relationCounts(actor: Actor | null, em: Db, userIds: readonly string[]): Promise<RelationCounts[]> {
    const byId = new Map((await this.repository.relationCounts(em, actor?.id ?? null, userIds)).map((r) => [r.id, r]));
    return userIds.map((id) => {
      const row = byId.get(id);
      return row ? { friendCount: row.friendCount, followerCount: row.followerCount, followingCount: row.followingCount } : NO_COUNTS;
    });
  }

  /** The actor's relation to many users (one statement); all false when signed out. */
  async viewerRelations(actor: Actor | null, em: Db, userIds: readonly string[]): Promise<ViewerRelation[]> {
    if (!actor) return userIds.map(() => NO_RELATION);
    const byId = new Map((await this.repository.viewerRelations(em, actor.id, userIds)).map((r) => [r.id, r]));
    return userIds.map((id) => {
      const row = byId.get(id);
      if (!row) return NO_RELATION;
      const { id: _id, ...relation } = row;
      return relation;
    });
  }

  private async accept(tx: Db, afterCommit: AfterCommit, requestId: string, accepterId: string, senderId: string): Promise<FriendRequest> {
    const now = new Date();
    await this.repository.setRequestStatus(tx, requestId, 'ACCEPTED', now);
    await this.repository.insertFriendship(tx, accepterId, senderId, now);
    await this.notifications.notify(tx, afterCommit, { recipientId: senderId, type: 'FRIEND_ACCEPTED', actorId: accepterId });
    return this.repository.loadRequest(tx, requestId);
  }

  /** The raw id of an existing other user, or the matching user error. */
  private async checkTarget(actor: Actor, em: Db, targetId: string | null, selfMessage: string): Promise<string> {
    if (!isUuid(targetId)) throw notFound('No such user.', ['userId']);
    if (targetId === actor.id) throw invalid(['userId'], selfMessage);
    if (!(await this.users.exists(em, targetId))) throw notFound('No such user.', ['userId']);
    return targetId;
  }
}
