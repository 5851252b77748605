import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { PageArgs } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';
import type { Actor } from '../../kernel/actor.js';
import { badInput } from '../../kernel/errors.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { isSuspendedAt, type User } from '../accounts/index.js';
import { UserConnection, UserObject } from '../accounts/graphql.js';
import { AccountStatus, AdminStatsObject, ModerationPayload, Role, roleFromGraphql, roleToGraphql } from './moderation.types.js';
import { lastActiveAt } from './moderation.loaders.js';
import { openReportCount } from './reports.loaders.js';
import { isStaff } from './staff.js';

const userIdArg = (id: string): string => {
  const raw = fromGlobalId(id, 'User');
  if (!raw) throw badInput('`userId` is not the id of a user.', 'userId');
  return raw;
};

/** Roles, suspensions, the admin user list and the dashboard; `User.role` and `User.accountStatus`. */
@Resolver(() => UserObject)
export class AccountModerationResolver {
  @FieldResolver(() => Role, {
    description: 'MEMBER for everyone but staff. Visible to the user themself and to staff; MEMBER for anyone else asking.',
  })
  role(@Root() user: User, @Ctx() ctx: Context): Role {
    return user.id === ctx.actor?.id || isStaff(ctx.actor) ? roleToGraphql(user.role ?? 'USER') : Role.MEMBER;
  }

  @FieldResolver(() => AccountStatus, {
    description: 'SUSPENDED accounts cannot sign in; their posts, comments and rooms are hidden from everyone but staff.',
  })
  accountStatus(@Root() user: User): AccountStatus {
    return isSuspendedAt(user) ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE;
  }

  @FieldResolver(() => DateTime, {
    nullable: true,
    description: 'Staff and the user themself; null for anyone else. When the suspension ends by itself; null when it does not.',
  })
  suspendedUntil(@Root() user: User, @Ctx() ctx: Context): Date | null {
    return user.id === ctx.actor?.id || isStaff(ctx.actor) ? (user.suspendedUntil ?? null) : null;
  }

  @FieldResolver(() => DateTime, {
    nullable: true,
    description: 'Staff only; null for anyone else. When the user last signed in or refreshed a session.',
  })
  lastActiveAt(@Root() user: User, @Ctx() ctx: Context): Promise<Date | null> | null {
    return isStaff(ctx.actor) ? lastActiveAt(ctx).load(user.id) : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Staff only; null for anyone else. Open reports about the user.' })
  openReportCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> | null {
    return isStaff(ctx.actor) ? openReportCount(ctx).load(user.id) : null;
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => UserConnection, { description: 'Staff only: users by name, username or e-mail, including suspended ones.' })
  adminUsers(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('query', () => String, { nullable: true, description: 'Words to look for in usernames, display names and e-mails.' })
    query?: string | null,
    @Arg('status', () => AccountStatus, { nullable: true, description: 'Only active or only suspended accounts.' })
    status?: AccountStatus | null,
    @Arg('role', () => Role, { nullable: true, description: 'Only people with this role.' }) role?: Role | null,
  ) {
    return ctx.services.accountModeration.adminUsers(actor, ctx.em, {
      ...page,
      query,
      status: status ?? null,
      role: role ? roleFromGraphql(role) : null,
    });
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Query(() => AdminStatsObject, { description: 'Staff only.' })
  adminStats(@CurrentUser() actor: Actor, @Ctx() ctx: Context) {
    return ctx.services.accountModeration.adminStats(actor, ctx.em);
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Mutation(() => ModerationPayload, {
    description: 'Staff only. Ends the user’s sessions and live connections at once; until null means until reinstated.',
  })
  async suspendUser(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Arg('userId', () => ID, { description: 'The user to suspend.' }) userId: string,
    @Arg('reason', () => String, { description: 'Why, shown to the person and kept in the moderation log.' }) reason: string,
    @Arg('until', () => DateTime, {
      nullable: true,
      description: 'When the suspension ends; omitted: until a moderator reinstates the account.',
    })
    until?: Date | null,
  ): Promise<ModerationPayload> {
    const action = await ctx.services.accountModeration.suspend(actor, ctx.em, { userId: userIdArg(userId), reason, until: until ?? null });
    return { action, userErrors: [] };
  }

  @Authorized('MODERATOR', 'ADMIN')
  @Mutation(() => ModerationPayload, { description: 'Staff only. Lifts a suspension.' })
  async reinstateUser(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Arg('userId', () => ID, { description: 'The suspended user.' }) userId: string,
  ): Promise<ModerationPayload> {
    const action = await ctx.services.accountModeration.reinstate(actor, ctx.em, { userId: userIdArg(userId) });
    return { action, userErrors: [] };
  }

  @Authorized('ADMIN')
  @Mutation(() => ModerationPayload, { description: 'ADMIN only. The last admin cannot demote themself.' })
  async setUserRole(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Arg('userId', () => ID, { description: 'The person whose role changes.' }) userId: string,
    @Arg('role', () => Role, { description: 'The new role.' }) role: Role,
  ): Promise<ModerationPayload> {
    const action = await ctx.services.accountModeration.setRole(actor, ctx.em, { userId: userIdArg(userId), role: roleFromGraphql(role) });
    return { action, userErrors: [] };
  }
}
