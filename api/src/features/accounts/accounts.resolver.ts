import { isStaff } from '../../kernel/actor.js';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentUser, NO_ACCESS_TOKEN, PUBLIC } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs } from '../../graphql/relay.js';
import { userActor, type Actor } from '../../kernel/actor.js';
import { badInput } from '../../kernel/errors.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { User } from './accounts.entity.js';
import { userById, visibleUserById } from './accounts.loaders.js';
import type { IssuedSession } from './accounts.service.js';
import {
  AuthPayload,
  LoginInput,
  RegisterInput,
  RequestPasswordResetInput,
  RequestPasswordResetPayload,
  ResendVerificationEmailPayload,
  ResetPasswordInput,
  ResetPasswordPayload,
  UpdateProfileInput,
  UserConnection,
  UserObject,
  UserPayload,
  VerifyEmailInput,
} from './accounts.types.js';

registerNodeType('User', User, (ctx, id) => visibleUserById(ctx).load(id));

const REFRESH_COOKIE = 'pp_refresh';

/** @deprecated use `@Authorized()` + `@CurrentUser()`, or `requireActor` (graphql/auth.ts). */

@Resolver(() => UserObject)
export class AccountsResolver {
  @Query(() => UserObject, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: Context): Promise<User | null> | null {
    return ctx.actor ? userById(ctx).load(ctx.actor.id) : null;
  }

  @Query(() => UserObject, { nullable: true })
  async user(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('username', () => String, { nullable: true }) username?: string | null,
  ): Promise<User | null> {
    if (id) {
      const rawId = fromGlobalId(id, 'User');
      return rawId ? visibleUserById(ctx).load(rawId) : null;
    }
    if (username) return ctx.services.accounts.visibleUserByUsername(ctx.actor, ctx.em, username);
    throw badInput('Give `id` or `username`.');
  }

  @Query(() => UserConnection)
  searchUsers(@Ctx() ctx: Context, @Arg('query', () => String) query: string, @Args(() => PageArgs) page: PageArgs) {
    return ctx.services.accounts.searchUsers(ctx.actor, ctx.em, { query, first: page.first, after: page.after });
  }

  @FieldResolver(() => String, { nullable: true, description: 'Only visible to the user themself and to staff; null for everyone else.' })
  email(@Root() user: User, @Ctx() ctx: Context): string | null {
    return ctx.actor?.id === user.id || isStaff(ctx.actor) ? user.email : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the owner opened the verification link sent to `email`; like `email`, null for everyone but them and staff.',
  })
  emailVerified(@Root() user: User, @Ctx() ctx: Context): boolean | null {
    return ctx.actor?.id === user.id || isStaff(ctx.actor) ? user.emailVerifiedAt != null : null;
  }

  @Authorized(PUBLIC, NO_ACCESS_TOKEN)
  @Mutation(() => UserPayload, { description: 'Opens the link of a verification e-mail (signed in or not); each link works once.' })
  async verifyEmail(@Ctx() ctx: Context, @Arg('input', () => VerifyEmailInput) input: VerifyEmailInput): Promise<UserPayload> {
    const userId = await ctx.services.accountEmail.verifyEmail(ctx.actor, ctx.em, { token: input.token });
    return { user: await userById(ctx).load(userId), userErrors: [] };
  }

  @Authorized(NO_ACCESS_TOKEN)
  @Mutation(() => ResendVerificationEmailPayload)
  async resendVerificationEmail(@CurrentUser() actor: Actor, @Ctx() ctx: Context): Promise<ResendVerificationEmailPayload> {
    await ctx.services.accountEmail.resendVerificationEmail(actor, ctx.em);
    return { sent: true, userErrors: [] };
  }

  @Authorized(PUBLIC, NO_ACCESS_TOKEN)
  @Mutation(() => RequestPasswordResetPayload, {
    description: 'E-mails a password-reset link (30 minutes, single use) if an account uses the address.',
  })
  async requestPasswordReset(
    @Ctx() ctx: Context,
    @Arg('input', () => RequestPasswordResetInput) input: RequestPasswordResetInput,
  ): Promise<RequestPasswordResetPayload> {
    await ctx.services.accountEmail.requestPasswordReset(ctx.actor, ctx.em, { email: input.email, ip: ctx.ip });
    return { accepted: true, userErrors: [] };
  }

  @Authorized(PUBLIC, NO_ACCESS_TOKEN)
  @Mutation(() => ResetPasswordPayload, {
    description: 'Sets a new password with the token of a reset e-mail; other sessions are signed out.',
  })
  async resetPassword(
    @Ctx() ctx: Context,
    @Arg('input', () => ResetPasswordInput) input: ResetPasswordInput,
  ): Promise<ResetPasswordPayload> {
    await ctx.services.accountEmail.resetPassword(ctx.actor, ctx.em, { token: input.token, newPassword: input.newPassword });
    return { passwordChanged: true, userErrors: [] };
  }

  @Authorized(PUBLIC, NO_ACCESS_TOKEN)
  @Mutation(() => AuthPayload)
  async register(@Ctx() ctx: Context, @Arg('input', () => RegisterInput) input: RegisterInput): Promise<AuthPayload> {
    return authPayload(
      ctx,
      await ctx.services.accounts.register(ctx.em, {
        username: input.username,
        email: input.email,
        password: input.password,
        displayName: input.displayName,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      }),
    );
  }

  @Authorized(PUBLIC, NO_ACCESS_TOKEN)
  @Mutation(() => AuthPayload)
  async login(@Ctx() ctx: Context, @Arg('input', () => LoginInput) input: LoginInput): Promise<AuthPayload> {
    return authPayload(
      ctx,
      await ctx.services.accounts.login(ctx.em, {
        login: input.login,
        password: input.password,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      }),
    );
  }

  @Authorized(PUBLIC, NO_ACCESS_TOKEN)
  @Mutation(() => AuthPayload, { description: 'Rotates the refresh token (argument or cookie); a reused token revokes its whole session.' })
  async refreshSession(
    @Ctx() ctx: Context,
    @Arg('refreshToken', () => String, { nullable: true }) refreshToken?: string | null,
  ): Promise<AuthPayload> {
    const token = refreshToken || ctx.http?.cookies[REFRESH_COOKIE] || null;
    try {
      return authPayload(ctx, await ctx.services.accounts.refresh(ctx.em, token));
    } catch (error) {
      if (!refreshToken) clearRefreshCookie(ctx);
      throw error;
    }
  }

  @Authorized(PUBLIC, NO_ACCESS_TOKEN)
  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    const done = await ctx.services.accounts.logout(ctx.actor, ctx.em, ctx.http?.cookies[REFRESH_COOKIE] ?? null);
    clearRefreshCookie(ctx);
    return done;
  }

  @Authorized(NO_ACCESS_TOKEN)
  @Mutation(() => UserPayload)
  async updateProfile(
    @CurrentUser() actor: Actor,
    @Ctx() ctx: Context,
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
  ): Promise<UserPayload> {
    // The avatar is a Media global id; a malformed one is reported with the other field errors.
    const avatarId = typeof input.avatarId === 'string' ? fromGlobalId(input.avatarId, 'Media') : input.avatarId;
    const user = await ctx.services.accounts.updateProfile(actor, ctx.em, {
      displayName: input.displayName,
      bio: input.bio,
      avatarId,
      avatarIdMalformed: typeof input.avatarId === 'string' && avatarId === null,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
    });
    return { user, userErrors: [] };
  }
}

function authPayload(ctx: Context, issued: IssuedSession): AuthPayload {
  // Browsers keep the refresh token in an httpOnly cookie only the API path sees.
  ctx.http?.setCookie(refreshCookie(ctx, issued.refreshToken, 30 * 86_400));
  ctx.actor = userActor(issued.user.id, '');
  return {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresAt: issued.expiresAt,
    user: issued.user,
    userErrors: [],
  };
}

function clearRefreshCookie(ctx: Context): void {
  ctx.http?.setCookie(refreshCookie(ctx, '', 0));
}

function refreshCookie(ctx: Context, value: string, maxAge: number): string {
  const secure = ctx.config.cookieSecure ? '; Secure' : '';
  return `${REFRESH_COOKIE}=${value}; Path=/graphql; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}
