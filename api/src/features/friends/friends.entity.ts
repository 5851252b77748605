import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../accounts/index.js';

export const FRIEND_REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'CANCELED'] as const;
export type FriendRequestState = (typeof FRIEND_REQUEST_STATUSES)[number];

/** One request from `from` to `to`; at most one PENDING per direction (partial unique index). */
@Entity({ tableName: 'friend_requests' })
export class FriendRequest {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  from!: User;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  to!: User;

  @Property({ type: 'string', length: 16 })
  status: FriendRequestState = 'PENDING';

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;
}

/** A friendship, stored once per direction (user → friend and friend → user). */
@Entity({ tableName: 'friendships' })
export class Friendship {
  [PrimaryKeyProp]?: ['user', 'friend'];

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: User;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  friend!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'follows' })
export class Follow {
  [PrimaryKeyProp]?: ['follower', 'followee'];

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  follower!: User;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  followee!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'blocks' })
export class Block {
  [PrimaryKeyProp]?: ['blocker', 'blocked'];

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  blocker!: User;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  blocked!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

export const friendEntities = [FriendRequest, Friendship, Follow, Block];
