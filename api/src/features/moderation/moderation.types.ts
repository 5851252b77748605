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
registerEnumType(Role, {
  name: 'Role',
  description: 'What a person may do on the network beyond their own content.',
  valuesConfig: {
    MEMBER: { description: 'Everyone: no staff powers.' },
    MODERATOR: { description: 'Staff: handles reports, removes and restores content, suspends and reinstates accounts, ends rooms.' },
    ADMIN: { description: 'Staff with every moderator power, who may also give and take roles.' },
  },
});

export const roleToGraphql = (role: ActorRole): Role => (role === 'USER' ? Role.MEMBER : (role as Role));
export const roleFromGraphql = (role: Role): ActorRole => (role === Role.MEMBER ? 'USER' : role);

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(AccountStatus, {
  name: 'AccountStatus',
  description: 'Whether an account may sign in.',
  valuesConfig: {
    ACTIVE: { description: 'Signs in and uses the network normally.' },
    SUSPENDED: { description: 'Suspended by staff: cannot sign in and their content is hidden until the suspension ends or is lifted.' },
  },
});

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
registerEnumType(ModerationActionType, {
  name: 'ModerationActionType',
  description: 'What a staff action in the moderation log did.',
  valuesConfig: {
    REMOVE_CONTENT: { description: 'Removed a post, comment, room or chat message.' },
    RESTORE_CONTENT: { description: 'Made removed content visible again.' },
    SUSPEND_USER: { description: 'Suspended an account (for a time or until reinstated).' },
    REINSTATE_USER: { description: 'Lifted a suspension.' },
    END_ROOM: { description: 'Ended a room: everyone disconnected and the room closed.' },
    RESOLVE_REPORT: { description: 'Closed a report as acted on.' },
    DISMISS_REPORT: { description: 'Closed a report as needing no action.' },
    SET_ROLE: { description: "Changed a person's role." },
  },
});

/** `moderator` and `subjectId` are resolved in moderation.resolver.ts. */
@ObjectType('ModerationAction', { implements: Node, description: 'One staff action, as the moderation log keeps it.' })
export class ModerationActionObject extends Node {
  @Field(() => ModerationActionType, { description: 'What was done.' }) type!: ModerationActionType;
  @Field(() => String, { nullable: true, description: 'Why, as the staff member wrote it; null when none was given.' }) reason!:
    string | null;
  @Field(() => DateTime, { description: 'When it was taken.' }) createdAt!: Date;
}

export const { Connection: ModerationActionConnection } = connectionTypes('ModerationAction', ModerationActionObject);

@ObjectType('ModerationPayload', { description: 'The answer of a staff mutation: the logged action, or why not.' })
export class ModerationPayload {
  @Field(() => ModerationActionObject, { nullable: true, description: 'The action as logged; null when refused.' }) action?: object | null;
  @Field(() => [UserError], { description: 'Why nothing was done; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('AdminStats', { description: "Counts for the staff dashboard; 'today' is the last 24 hours." })
export class AdminStatsObject {
  @Field(() => Int, { description: 'Accounts in total.' }) users!: number;
  @Field(() => Int, { description: 'Accounts created in the last 24 hours.' }) newUsersToday!: number;
  @Field(() => Int, { description: 'People who used the network in the last 24 hours.' }) activeUsersToday!: number;
  @Field(() => Int, { description: 'Posts written in the last 24 hours.' }) postsToday!: number;
  @Field(() => Int, { description: 'Calls started in the last 24 hours.' }) callsToday!: number;
  @Field(() => Int, { description: 'Rooms with someone connected now.' }) liveRooms!: number;
  @Field(() => Int, { description: 'People connected to a room now.' }) participantsLive!: number;
  @Field(() => Int, { description: 'Reports waiting for staff.' }) openReports!: number;
}

@ObjectType('ContentRemovedEvent', {
  description: 'Something staff removed (or everything by a suspended person): drop it from open pages.',
})
export class ContentRemovedEventObject {
  @Field(() => ID, { description: 'Global id of what was removed (a User id when an account was suspended).' }) subjectId!: string;
  @Field(() => String, {
    description: 'Post, Comment, FacechatRoom, ChatMessage, or User when an account was suspended (drop everything by them)',
  })
  subjectType!: string;
}
