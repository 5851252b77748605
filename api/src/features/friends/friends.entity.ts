import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../accounts/index.js';

const FRIEND_REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'CANCELED'] as const;
export type FriendRequestState = (typeof FRIEND_REQUEST_STATUSES)[number];

/** Foreign keys to users: a deleted user takes their rows along. */
const USER_FK = { deleteRule: 'cascade', updateRule: 'no action' } as const;

/** One request from `from` to `to`; at most one PENDING per direction (partial unique index). */
@Entity({ tableName: 'friend_requests' })
@Check({ name: 'friend_requests_not_self', expression: '"from_id" <> "to_id"' })
@Index({
  name: 'friend_requests_pending_pair',
  expression: `create unique index "friend_requests_pending_pair" on "friend_requests" ("from_id", "to_id") where "status" = 'PENDING'`,
})
@Index({
  name: 'friend_requests_incoming_idx',
  expression: `create index "friend_requests_incoming_idx" on "friend_requests" ("to_id", "created_at" desc, "id" desc) where "status" = 'PENDING'`,
})
@Index({
  name: 'friend_requests_outgoing_idx',
  expression: `create index "friend_requests_outgoing_idx" on "friend_requests" ("from_id", "created_at" desc, "id" desc) where "status" = 'PENDING'`,
})
export class FriendRequest {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, USER_FK)
  from!: User;

  @ManyToOne(() => User, USER_FK)
  to!: User;

  @Enum({ items: [...FRIEND_REQUEST_STATUSES], columnType: 'varchar(16)' })
  status: FriendRequestState = 'PENDING';

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;
}

/** A friendship, stored once per direction (user → friend and friend → user). */
@Entity({ tableName: 'friendships' })
@Check({ name: 'friendships_not_self', expression: '"user_id" <> "friend_id"' })
@Index({
  name: 'friendships_user_created_idx',
  expression: 'create index "friendships_user_created_idx" on "friendships" ("user_id", "created_at" desc, "friend_id" desc)',
})
class Friendship {
  [PrimaryKeyProp]?: ['user', 'friend'];

  @ManyToOne(() => User, { primary: true, ...USER_FK })
  user!: User;

  @ManyToOne(() => User, { primary: true, ...USER_FK })
  friend!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'follows' })
@Check({ name: 'follows_not_self', expression: '"follower_id" <> "followee_id"' })
@Index({
  name: 'follows_following_idx',
  expression: 'create index "follows_following_idx" on "follows" ("follower_id", "created_at" desc, "followee_id" desc)',
})
@Index({
  name: 'follows_followers_idx',
  expression: 'create index "follows_followers_idx" on "follows" ("followee_id", "created_at" desc, "follower_id" desc)',
})
class Follow {
  [PrimaryKeyProp]?: ['follower', 'followee'];

  @ManyToOne(() => User, { primary: true, ...USER_FK })
  follower!: User;

  @ManyToOne(() => User, { primary: true, ...USER_FK })
  followee!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'blocks' })
@Check({ name: 'blocks_not_self', expression: '"blocker_id" <> "blocked_id"' })
@Index({ name: 'blocks_blocked_idx', properties: ['blocked', 'blocker'] })
class Block {
  [PrimaryKeyProp]?: ['blocker', 'blocked'];

  @ManyToOne(() => User, { primary: true, ...USER_FK })
  blocker!: User;

  @ManyToOne(() => User, { primary: true, ...USER_FK })
  blocked!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** Someone asked to follow a private account and waits for the owner's approval (then it becomes a `follows` row). */
@Entity({ tableName: 'follow_requests' })
@Check({ name: 'follow_requests_not_self', expression: '"follower_id" <> "followee_id"' })
@Index({
  name: 'follow_requests_followee_idx',
  expression: 'create index "follow_requests_followee_idx" on "follow_requests" ("followee_id", "created_at" desc, "follower_id" desc)',
})
class FollowRequest {
  [PrimaryKeyProp]?: ['follower', 'followee'];

  @ManyToOne(() => User, { primary: true, ...USER_FK })
  follower!: User;

  @ManyToOne(() => User, { primary: true, ...USER_FK })
  followee!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const friendEntities = [FriendRequest, Friendship, Follow, Block, FollowRequest];
