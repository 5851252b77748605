import { createUnionType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node, nodeTypeName } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';
import { UserObject } from '../accounts/graphql.js';
import { ChatMessageObject, FacechatRoomObject } from '../facechat/graphql.js';
import { CommentObject, PostObject } from '../posts/graphql.js';
import type { Report } from './reports.entity.js';

export enum ReportReason {
  SPAM = 'SPAM',
  HARASSMENT = 'HARASSMENT',
  HATE = 'HATE',
  NUDITY = 'NUDITY',
  VIOLENCE = 'VIOLENCE',
  SELF_HARM = 'SELF_HARM',
  IMPERSONATION = 'IMPERSONATION',
  OTHER = 'OTHER',
}
registerEnumType(ReportReason, { name: 'ReportReason' });

export enum ReportStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(ReportStatus, { name: 'ReportStatus' });

export const ReportSubject = createUnionType({
  name: 'ReportSubject',
  description: 'What a report is about.',
  types: () => [UserObject, PostObject, CommentObject, FacechatRoomObject, ChatMessageObject] as const,
  resolveType: (value) => nodeTypeName(value),
});

/** `reporter`, `subject`, `resolvedBy` and `duplicateCount` are resolved in reports.resolver.ts. */
@ObjectType('Report', { implements: Node })
export class ReportObject extends Node {
  @Field(() => ReportReason) reason!: ReportReason;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => ReportStatus) status!: ReportStatus;
  @Field(() => DateTime) createdAt!: Date;
  @Field(() => DateTime, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'What staff did about it, in their words.' }) resolution!: string | null;
}

export const { Edge: ReportEdge, Connection: ReportConnection } = connectionTypes('Report', ReportObject);

@InputType('ReportInput')
export class ReportInput {
  @Field(() => ID, { description: 'Id of a User, Post, Comment, FacechatRoom or ChatMessage.' }) subjectId!: string;
  @Field(() => ReportReason) reason!: ReportReason;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@ObjectType('ReportPayload')
export class ReportPayload {
  @Field(() => ReportObject, { nullable: true }) report?: Report | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
