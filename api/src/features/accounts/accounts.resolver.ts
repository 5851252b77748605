import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { userActor } from '../../kernel/actor.js';
import { unauthenticated, badInput } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/ids.js';
import { registerNodeType } from '../../graphql/node.js';
import { PageArgs, paginate } from '../../graphql/relay.js';
import { User } from './accounts.entity.js';
import { userById } from './accounts.loaders.js';
import type { IssuedSession } from './accounts.service.js';
import { searchUsers, countSearchUsers } from './accounts.search.js';
import {
  AuthPayload, LoginInput, RegisterInput, UpdateProfileInput, UserConnection, UserObject, UserPayload,
} from './accounts.types.js';

registerNodeType('User', User, (ctx, id) => userById(ctx).load(id));

export const REFRESH_COOKIE = 'pp_refresh';

export function requireViewer(ctx: Context): { id: string; sessionId: string } {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

@Resolver(() => UserObject)
export class AccountsResolver {
  @Query(() => UserObject, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: Context): Promise<User | null> | null {
    return ctx.viewer ? userById(ctx).load(ctx.viewer.id) : null;
  }

  @Query(() => UserObject, { nullable: true })
  async user(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('username', () => String, { nullable: true }) username?: string | null,
  ): Promise<User | null> {
    if (id) {
      const rawId = fromGlobalId(id, 'User');
      return rawId ? userById(ctx).load(rawId) : null;
    }
    if (username) {
      return ctx.em.getRepository(User).findOne({ username: username.trim().toLowerCase() });
    }
    throw badInput('Give `id` or `username`.');
  }

  @Query(() => UserConnection)
  searchUsers(@Ctx() ctx: Context, @Arg('query', () => String) query: string, @Args(() => PageArgs) page: PageArgs) {
    const term = query.trim().toLowerCase();
    if (term.length > 100) throw badInput('The search text can be at most 100 characters.', 'query');
    return paginate({
      ...page,
      cursorShape: ['string', 'string'],
      fetch: (limit, after) => searchUsers(ctx, term, limit, after as [string, string] | null),
      keyOf: (u: User) => [u.username, u.id],
      count: () => countSearchUsers(ctx, term),
    });
  }

  @FieldResolver(() => String, { nullable: true, description: 'Only visible to the user themself; null for everyone else.' })
  email(@Root() user: User, @Ctx() ctx: Context): string | null {
    return ctx.viewer?.id === user.id ? user.email : null;
  }

  @Mutation(() => AuthPayload)
  async register(@Ctx() ctx: Context, @Arg('input', () => RegisterInput) input: RegisterInput): Promise<AuthPayload> {
    return authPayload(ctx, await ctx.services.accounts.register(ctx, input));
  }

  @Mutation(() => AuthPayload)
  async login(@Ctx() ctx: Context, @Arg('input', () => LoginInput) input: LoginInput): Promise<AuthPayload> {
    return authPayload(ctx, await ctx.services.accounts.login(ctx, input));
  }

  @Mutation(() => AuthPayload, { description: 'Rotates the refresh token (argument or cookie); a reused token revokes its whole session.' })
  async refreshSession(@Ctx() ctx: Context, @Arg('refreshToken', () => String, { nullable: true }) refreshToken?: string | null): Promise<AuthPayload> {
    const token = refreshToken || ctx.http?.cookies[REFRESH_COOKIE] || null;
    try {
      return authPayload(ctx, await ctx.services.accounts.refresh(ctx, token));
    } catch (error) {
      if (!refreshToken) clearRefreshCookie(ctx);
      throw error;
    }
  }

  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    const done = await ctx.services.accounts.logout(ctx, ctx.http?.cookies[REFRESH_COOKIE] ?? null);
    clearRefreshCookie(ctx);
    return done;
  }

  @Mutation(() => UserPayload)
  async updateProfile(@Ctx() ctx: Context, @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput): Promise<UserPayload> {
    const viewer = requireViewer(ctx);
    const user = await ctx.services.accounts.updateProfile(ctx, viewer.id, input);
    return { user, userErrors: [] };
  }
}

function authPayload(ctx: Context, issued: IssuedSession): AuthPayload {
  // Browsers keep the refresh token in an httpOnly cookie only the API path sees.
  ctx.http?.setCookie(refreshCookie(ctx, issued.refreshToken, 30 * 86_400));
  ctx.actor = userActor(issued.user.id, '');
  return { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: issued.expiresAt, user: issued.user, userErrors: [] };
}

function clearRefreshCookie(ctx: Context): void {
  ctx.http?.setCookie(refreshCookie(ctx, '', 0));
}

function refreshCookie(ctx: Context, value: string, maxAge: number): string {
  const secure = ctx.config.cookieSecure ? '; Secure' : '';
  return `${REFRESH_COOKIE}=${value}; Path=/graphql; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}
