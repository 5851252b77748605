import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { loadNode } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import type { Actor } from '../../kernel/actor.js';
import { badInput } from '../../kernel/errors.js';
import { toGlobalId } from '../../kernel/ids.js';
import { ReportGroupConnection, ReportGroupObject } from './admin.types.js';
import { newestReportsAbout } from './reports.loaders.js';
import type { ReportGroup } from './reports.service.js';
import { ReportObject, ReportStatus, ReportSubject } from './reports.types.js';

/** The reports queue grouped by subject. */
@Resolver(() => ReportGroupObject)
export class ReportGroupsResolver {
  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => ReportGroupConnection, {
    description: 'Staff only: reports grouped by subject, the group with the oldest report first; status defaults to OPEN.',
  })
  reportGroups(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => ReportStatus, { nullable: true, description: 'Only groups of reports with this status (OPEN when omitted).' })
    status?: ReportStatus | null,
  ) {
    return ctx.services.reports.groups(actor, ctx.em, status ?? ReportStatus.OPEN, page);
  }

  @FieldResolver(() => ID, { description: "Global id of what the group's reports are about." })
  subjectId(@Root() group: ReportGroup): string {
    return toGlobalId(group.subjectType, group.subjectId);
  }

  @FieldResolver(() => ReportSubject, { nullable: true, description: 'Null once the subject is deleted for good.' })
  subject(@Root() group: ReportGroup, @Ctx() ctx: Context) {
    return loadNode(ctx, group.subjectType, group.subjectId);
  }

  @FieldResolver(() => [ReportObject], { description: 'newest first, at most `first` (default 10, max 50)' })
  reports(
    @Root() group: ReportGroup,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'How many reports, 0–50 (10 when omitted).' }) first?: number | null,
  ) {
    const limit = first ?? 10;
    if (!Number.isInteger(limit) || limit < 0 || limit > 50) throw badInput('`first` must be a whole number from 0 to 50.', 'first');
    return limit === 0 ? [] : newestReportsAbout(ctx, group.status, limit).load(group.subjectId);
  }
}
