import { GraphQLError } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AccessScope } from '../../kernel/actor.js';
import { CurrentUser, requireActor } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { loadNode, registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { badInput, ErrorCode } from '../../kernel/errors.js';
import { fromGlobalId, parseGlobalId } from '../../kernel/ids.js';
import { userById, UserObject } from '../accounts/graphql.js';
import { openReportCount, reportById } from './reports.loaders.js';
import { Report, REPORT_SUBJECT_TYPES, type ReportSubjectType } from './reports.entity.js';
import { REPORT_ADDED_TOPIC, type ReportEvent } from './reports.service.js';
import { isStaff } from './staff.js';
import { ReportConnection, ReportInput, ReportObject, ReportPayload, ReportStatus, ReportSubject } from './reports.types.js';

registerNodeType('Report', Report, (ctx, id) => reportById(ctx).load(id));

function subjectOf(globalId: string): { type: ReportSubjectType; id: string } | null {
  const parsed = parseGlobalId(globalId);
  const type = REPORT_SUBJECT_TYPES.find((t) => t === parsed?.type);
  return parsed && type ? { type, id: parsed.id } : null;
}

@Resolver(() => ReportObject)
export class ReportsResolver {
  @Authorized(AccessScope.WRITE_SOCIAL)
  @Mutation(() => ReportPayload, { description: 'Any signed-in user; one open report per reporter and subject.' })
  async reportContent(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => ReportInput, { description: 'What is reported, and why.' }) input: ReportInput,
  ): Promise<ReportPayload> {
    const report = await ctx.services.reports.report(actor, ctx.em, {
      subject: subjectOf(input.subjectId),
      reason: input.reason,
      comment: input.comment,
    });
    return { report, userErrors: [] };
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => ReportConnection, { description: 'Staff only: reports, oldest open first by default.' })
  reports(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('status', () => ReportStatus, { nullable: true, description: 'Only reports with this status (every report when omitted).' })
    status: ReportStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('subjectId', () => ID, { nullable: true, description: 'Only the reports about this user, post, comment, room or chat message.' })
    subjectId?: string | null,
  ) {
    const subject = subjectId ? subjectOf(subjectId) : null;
    if (subjectId && !subject) throw badInput('`subjectId` is not the id of something that can be reported.', 'subjectId');
    return ctx.services.reports.page(actor, ctx.em, { status: status ?? null, subjectId: subject?.id ?? null }, page);
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Mutation(() => ReportPayload, { description: 'Staff only. RESOLVED after acting on it, DISMISSED when nothing was wrong.' })
  async resolveReport(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('reportId', () => ID, { description: 'The report (a Report id).' }) reportId: string,
    @Arg('status', () => ReportStatus, { description: 'RESOLVED (acted on) or DISMISSED (nothing to act on).' }) status: ReportStatus,
    @Arg('resolution', () => String, { nullable: true, description: 'What staff did or found, kept with the report.' })
    resolution: string | null,
  ): Promise<ReportPayload> {
    const report = await ctx.services.reports.resolve(actor, ctx.em, { reportId: fromGlobalId(reportId, 'Report'), status, resolution });
    return { report, userErrors: [] };
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Subscription(() => ReportObject, {
    description: 'Staff only: new reports as they come in.',
    subscribe: ({ context }) => {
      const ctx = context as Context;
      // Signed out: UNAUTHENTICATED; signed in but not staff: FORBIDDEN (as @Authorized answers on queries).
      if (!isStaff(requireActor(ctx))) {
        throw new GraphQLError('Only moderators and administrators may follow reports.', { extensions: { code: ErrorCode.FORBIDDEN } });
      }
      return ctx.pubsub.subscribe<ReportEvent>(REPORT_ADDED_TOPIC, ctx, () => isStaff(ctx.actor));
    },
  })
  reportAdded(@Root() event: ReportEvent, @Ctx() ctx: Context): Promise<Report | null> {
    return reportById(ctx).load(event.reportId);
  }

  @FieldResolver(() => UserObject, { nullable: true, description: 'Shown to staff only; null for anyone else.' })
  reporter(@Root() report: Report, @Ctx() ctx: Context) {
    return isStaff(ctx.actor) ? userById(ctx).load(report.reporterId) : null;
  }

  @FieldResolver(() => ReportSubject, { nullable: true, description: 'Null once the subject is deleted for good.' })
  subject(@Root() report: Report, @Ctx() ctx: Context) {
    return loadNode(ctx, report.subjectType, report.subjectId);
  }

  @FieldResolver(() => UserObject, { nullable: true, description: 'The staff member who closed it; null while open.' })
  resolvedBy(@Root() report: Report, @Ctx() ctx: Context) {
    return report.resolvedById && isStaff(ctx.actor) ? userById(ctx).load(report.resolvedById) : null;
  }

  @FieldResolver(() => Int, { description: 'Other open reports about the same subject.' })
  async duplicateCount(@Root() report: Report, @Ctx() ctx: Context): Promise<number> {
    if (!isStaff(ctx.actor)) return 0;
    const open = await openReportCount(ctx).load(report.subjectId);
    return Math.max(0, open - (report.status === 'OPEN' ? 1 : 0));
  }
}

export const reportResolvers = [ReportsResolver];
