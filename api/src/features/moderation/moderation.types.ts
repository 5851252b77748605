import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';
import type { Role as ActorRole } from '../../kernel/actor.js';

/** The contract's roles. The database (and `Actor.role`) says USER where the contract says MEMBER: mapped only here. */
export enum Role {
  MEMBER = 'MEMBER',
  MODERATOR = 'MODERATOR',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role' });

export const roleToGraphql = (role: ActorRole): Role => (role === 'USER' ? Role.MEMBER : (role as Role));
export const roleFromGraphql = (role: Role): ActorRole => (role === Role.MEMBER ? 'USER' : role);

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(AccountStatus, { name: 'AccountStatus' });

export enum ModerationActionType {
  REMOVE_CONTENT = 'REMOVE_CONTENT',
  RESTORE_CONTENT = 'RESTORE_CONTENT',
  SUSPEND_USER = 'SUSPEND_USER',
  REINSTATE_USER = 'REINSTATE_USER',
  END_ROOM = 'END_ROOM',
  RESOLVE_REPORT = 'RESOLVE_REPORT',
  DISMISS_REPORT = 'DISMISS_REPORT',
  SET_ROLE = 'SET_ROLE',
}
registerEnumType(ModerationActionType, { name: 'ModerationActionType' });

/** `moderator` and `subjectId` are resolved in moderation.resolver.ts. */
@ObjectType('ModerationAction', { implements: Node })
export class ModerationActionObject extends Node {
  @Field(() => ModerationActionType) type!: ModerationActionType;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => DateTime) createdAt!: Date;
}

export const { Connection: ModerationActionConnection } = connectionTypes('ModerationAction', ModerationActionObject);

@ObjectType('ModerationPayload')
export class ModerationPayload {
  @Field(() => ModerationActionObject, { nullable: true }) action?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('AdminStats', { description: "Counts for the staff dashboard; 'today' is the last 24 hours." })
export class AdminStatsObject {
  @Field(() => Int) users!: number;
  @Field(() => Int) newUsersToday!: number;
  @Field(() => Int) activeUsersToday!: number;
  @Field(() => Int) postsToday!: number;
  @Field(() => Int) callsToday!: number;
  @Field(() => Int) liveRooms!: number;
  @Field(() => Int) participantsLive!: number;
  @Field(() => Int) openReports!: number;
}

@ObjectType('ContentRemovedEvent')
export class ContentRemovedEventObject {
  @Field(() => ID) subjectId!: string;
  @Field(() => String, {
    description: 'Post, Comment, FacechatRoom, ChatMessage, or User when an account was suspended (drop everything by them)',
  })
  subjectType!: string;
}
