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
registerEnumType(ReportReason, {
  name: 'ReportReason',
  description: 'Why someone reported content or a person.',
  valuesConfig: {
    SPAM: { description: 'Unwanted advertising, scams or repeated junk.' },
    HARASSMENT: { description: 'Bullying, threats or targeted abuse of a person.' },
    HATE: { description: 'Attacks on people for who they are (origin, religion, gender, …).' },
    NUDITY: { description: 'Nudity or sexual content.' },
    VIOLENCE: { description: 'Violence or graphic content.' },
    SELF_HARM: { description: 'Suicide or self-harm: staff look at these first.' },
    IMPERSONATION: { description: 'Pretends to be someone else.' },
    OTHER: { description: 'Anything else; say what in `comment`.' },
  },
});

export enum ReportStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Where a report is in the staff queue.',
  valuesConfig: {
    OPEN: { description: 'Waiting for staff.' },
    RESOLVED: { description: 'Staff acted on it (e.g. removed the content or suspended the account).' },
    DISMISSED: { description: 'Staff looked and found nothing to act on.' },
  },
});

export const ReportSubject = createUnionType({
  name: 'ReportSubject',
  description: 'What a report is about.',
  types: () => [UserObject, PostObject, CommentObject, FacechatRoomObject, ChatMessageObject] as const,
  resolveType: (value) => nodeTypeName(value),
});

/** `reporter`, `subject`, `resolvedBy` and `duplicateCount` are resolved in reports.resolver.ts. */
@ObjectType('Report', { implements: Node, description: "Someone's report about content or a person, for staff to look at." })
export class ReportObject extends Node {
  @Field(() => ReportReason, { description: 'Why it was reported.' }) reason!: ReportReason;
  @Field(() => String, { nullable: true, description: 'What the reporter added in their own words; null when nothing.' }) comment!:
    string | null;
  @Field(() => ReportStatus, { description: 'Open, resolved or dismissed.' }) status!: ReportStatus;
  @Field(() => DateTime, { description: 'When it was filed.' }) createdAt!: Date;
  @Field(() => DateTime, { nullable: true, description: 'When staff closed it; null while open.' }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'What staff did about it, in their words.' }) resolution!: string | null;
}

export const { Edge: ReportEdge, Connection: ReportConnection } = connectionTypes('Report', ReportObject);

@InputType('ReportInput', { description: 'What to report, and why.' })
export class ReportInput {
  @Field(() => ID, { description: 'Id of a User, Post, Comment, FacechatRoom or ChatMessage.' }) subjectId!: string;
  @Field(() => ReportReason, { description: 'Why it is reported.' }) reason!: ReportReason;
  @Field(() => String, { nullable: true, description: 'More about what is wrong, at most 1,000 characters.' }) comment?: string | null;
}

@ObjectType('ReportPayload', { description: 'The answer of a report mutation: the report, or why not.' })
export class ReportPayload {
  @Field(() => ReportObject, { nullable: true, description: 'The report; null when refused.' }) report?: Report | null;
  @Field(() => [UserError], { description: 'Why it was not filed (e.g. RATE_LIMITED, NOT_FOUND); empty on success.' })
  userErrors!: UserError[];
}
