import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';
import { ReportReason } from './reports.types.js';

export enum ContentStatus {
  VISIBLE = 'VISIBLE',
  REMOVED = 'REMOVED',
}
registerEnumType(ContentStatus, {
  name: 'ContentStatus',
  description: 'Whether staff removed a post, comment, room or chat message (staff lists).',
  valuesConfig: { VISIBLE: { description: 'Not removed by staff.' }, REMOVED: { description: 'Removed by staff.' } },
});

export enum AdminRoomState {
  LIVE = 'LIVE',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  REMOVED = 'REMOVED',
}
registerEnumType(AdminRoomState, {
  name: 'AdminRoomState',
  description: 'The state of a room in the staff room list.',
  valuesConfig: {
    LIVE: { description: 'Open, with someone connected now.' },
    OPEN: { description: 'Not closed (nor removed).' },
    CLOSED: { description: 'Closed by its owner, by staff or by the end of its call.' },
    REMOVED: { description: 'Removed by staff.' },
  },
});

@ObjectType('AdminDailyStat', { description: 'Counts of one UTC day, for the staff dashboard.' })
export class AdminDailyStatObject {
  @Field(() => String, { description: 'YYYY-MM-DD, UTC' }) day!: string;
  @Field(() => Int, { description: 'Users who signed up that day.' }) newUsers!: number;
  @Field(() => Int, { description: 'Users who signed in or refreshed a session that day.' }) activeUsers!: number;
  @Field(() => Int, { description: 'Posts written that day.' }) posts!: number;
  @Field(() => Int, { description: 'Calls started that day.' }) calls!: number;
  @Field(() => Int, { description: 'Reports made that day.' }) reports!: number;
}

/** `subjectId`, `subject` and `reports` are resolved in report-groups.resolver.ts. */
@ObjectType('ReportGroup', { description: 'The reports about one subject.' })
export class ReportGroupObject {
  @Field(() => Int, { description: 'open reports (or of the asked status) about it' }) reportCount!: number;
  @Field(() => [ReportReason], { description: "Every reason given in the group's reports, each once." }) reasons!: ReportReason[];
  @Field(() => DateTime, { description: 'When the oldest report of the group was filed.' }) firstReportedAt!: Date;
  @Field(() => DateTime, { description: 'When the newest report of the group was filed.' }) lastReportedAt!: Date;
}

export const { Edge: ReportGroupEdge, Connection: ReportGroupConnection } = connectionTypes('ReportGroup', ReportGroupObject);
