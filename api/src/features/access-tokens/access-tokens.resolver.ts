import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser, NO_ACCESS_TOKEN } from '../../graphql/auth.js';
import { loader, type Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import type { Actor } from '../../kernel/actor.js';
import { fromGlobalId } from '../../kernel/ids.js';
import { AccessToken } from './access-tokens.entity.js';
import type { AccessTokenRecord } from './access-tokens.repository.js';
import { AccessTokenObject, AccessTokenPayload, CreateAccessTokenInput, CreateAccessTokenPayload } from './access-tokens.types.js';

/** The viewer's own tokens by raw id (null for anyone else's and when asked with a token). */
function accessTokenById(ctx: Context): DataLoader<string, AccessTokenRecord | null> {
  return loader(ctx, 'accessTokensById', () => new DataLoader((ids) => ctx.services.accessTokens.byIds(ctx.actor, ctx.em, ids)));
}

registerNodeType('AccessToken', AccessToken, (ctx, id) => accessTokenById(ctx).load(id));

@Resolver(() => AccessTokenObject)
export class AccessTokensResolver {
  @Authorized(NO_ACCESS_TOKEN)
  @Query(() => [AccessTokenObject], {
    description: "The viewer's personal access tokens (signed-in sessions only, not usable with a token).",
  })
  accessTokens(@Ctx() ctx: Context, @CurrentUser() actor: Actor): Promise<AccessTokenRecord[]> {
    return ctx.services.accessTokens.list(actor, ctx.em);
  }

  @Authorized(NO_ACCESS_TOKEN)
  @Mutation(() => CreateAccessTokenPayload, { description: 'Signed-in sessions only: a token cannot mint tokens.' })
  async createAccessToken(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('input', () => CreateAccessTokenInput, { description: 'Its name, scopes and optional expiry.' }) input: CreateAccessTokenInput,
  ): Promise<CreateAccessTokenPayload> {
    const { accessToken, secret } = await ctx.services.accessTokens.create(actor, ctx.em, {
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expiresAt ?? null,
    });
    return { accessToken, token: secret, userErrors: [] };
  }

  @Authorized(NO_ACCESS_TOKEN)
  @Mutation(() => AccessTokenPayload, {
    description: 'Signed-in sessions only. The token stops working at once and its open sockets are closed.',
  })
  async revokeAccessToken(
    @Ctx() ctx: Context,
    @CurrentUser() actor: Actor,
    @Arg('id', () => ID, { description: 'The global id of one of the viewer’s tokens.' }) id: string,
  ): Promise<AccessTokenPayload> {
    const accessToken = await ctx.services.accessTokens.revoke(actor, ctx.em, fromGlobalId(id, 'AccessToken'));
    return { accessToken, userErrors: [] };
  }
}
