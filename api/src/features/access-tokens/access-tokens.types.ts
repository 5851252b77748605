import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { DateTime } from '../../graphql/scalars.js';
import { AccessScope } from '../../kernel/actor.js';

registerEnumType(AccessScope, {
  name: 'AccessScope',
  description: 'What a personal access token may do. Signed-in sessions may do all of it.',
  valuesConfig: {
    READ: { description: "Read profiles, posts, comments, tags, rooms, the viewer's feed, favorites and notifications." },
    WRITE_POSTS: { description: "Create, edit and delete the viewer's posts, comments, likes, favorites and photo tags; upload media." },
    WRITE_SOCIAL: { description: 'Friend requests, follows and blocks.' },
    CALLS: { description: 'Rooms, calls and in-call chat, including LiveKit room access.' },
    SUBSCRIBE: { description: 'Live events over graphql-ws.' },
  },
});

@ObjectType('AccessToken', {
  implements: Node,
  description: 'A personal access token of the viewer, sent as `Authorization: Bearer <token>` by an integration.',
})
export class AccessTokenObject extends Node {
  @Field(() => String, { description: 'What the owner called it (what uses it).' }) name!: string;
  @Field(() => [AccessScope], { description: 'What the token may do.' }) scopes!: AccessScope[];
  @Field(() => DateTime, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => DateTime, { nullable: true, description: 'When it stops working; null: never.' }) expiresAt!: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'When it was last used (to the minute); null: never.' })
  lastUsedAt!: Date | null;
  @Field(() => String, {
    description: 'The first characters of the token, to recognise it; the whole token is shown only once, on creation.',
  })
  prefix!: string;
}

@InputType('CreateAccessTokenInput', { description: 'A new personal access token.' })
export class CreateAccessTokenInput {
  @Field(() => String, { description: 'What will use it, 1–100 characters.' }) name!: string;
  @Field(() => [AccessScope], { description: 'At least one scope.' }) scopes!: AccessScope[];
  @Field(() => DateTime, { nullable: true, description: 'Null for no expiry.' }) expiresAt?: Date | null;
}

@ObjectType('CreateAccessTokenPayload', { description: 'The created token and its secret.' })
export class CreateAccessTokenPayload {
  @Field(() => AccessTokenObject, { nullable: true, description: 'The new token; null when there were user errors.' })
  accessToken?: object | null;
  @Field(() => String, { nullable: true, description: 'The secret itself, returned only here.' }) token?: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('AccessTokenPayload', { description: 'A token after a change (revocation).' })
export class AccessTokenPayload {
  @Field(() => AccessTokenObject, { nullable: true, description: 'The token as it was; null when there were user errors.' })
  accessToken?: object | null;
  @Field(() => [UserError], { description: 'NOT_FOUND for an unknown id; empty on success.' }) userErrors!: UserError[];
}
