import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';

/**
 * The public face of a user. Counts, relations and `viewer*` fields are added by
 * the features that own them (friends, posts, media) as field resolvers on this type.
 */
@ObjectType('User', { implements: Node })
export class UserObject extends Node {
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => String, { nullable: true }) bio!: string | null;
  @Field(() => DateTime) createdAt!: Date;
}

export const { Connection: UserConnection } = connectionTypes('User', UserObject);

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String, { nullable: true }) accessToken?: string | null;
  @Field(() => String, { nullable: true }) refreshToken?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When the access token stops being accepted.' }) expiresAt?: Date | null;
  @Field(() => UserObject, { nullable: true }) user?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('UserPayload')
export class UserPayload {
  @Field(() => UserObject, { nullable: true }) user?: object | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType('RegisterInput')
export class RegisterInput {
  @Field(() => String) username!: string;
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => String, { nullable: true }) displayName?: string | null;
}

@InputType('LoginInput')
export class LoginInput {
  @Field(() => String, { description: 'Username or e-mail address.' }) login!: string;
  @Field(() => String) password!: string;
}

@InputType('UpdateProfileInput')
export class UpdateProfileInput {
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => String, { nullable: true }) bio?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Media id from POST /media, or null to remove the avatar.' }) avatarId?: string | null;
  @Field(() => String, { nullable: true }) currentPassword?: string | null;
  @Field(() => String, { nullable: true }) newPassword?: string | null;
}

@InputType('VerifyEmailInput')
export class VerifyEmailInput {
  @Field(() => String, { description: 'The token of the link in the verification e-mail.' }) token!: string;
}

@InputType('RequestPasswordResetInput')
export class RequestPasswordResetInput {
  @Field(() => String) email!: string;
}

@InputType('ResetPasswordInput')
export class ResetPasswordInput {
  @Field(() => String, { description: 'The token of the link in the password-reset e-mail.' }) token!: string;
  @Field(() => String) newPassword!: string;
}

@ObjectType('ResendVerificationEmailPayload')
export class ResendVerificationEmailPayload {
  @Field(() => Boolean, { nullable: true, description: 'True when a new link is on its way.' }) sent?: boolean | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('RequestPasswordResetPayload')
export class RequestPasswordResetPayload {
  @Field(() => Boolean, {
    nullable: true,
    description: 'True once the request was taken: the same whether or not an account uses the address (a link is sent only if one does).',
  })
  accepted?: boolean | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('ResetPasswordPayload')
export class ResetPasswordPayload {
  @Field(() => Boolean, { nullable: true, description: 'True when the password was changed; every other session is signed out.' })
  passwordChanged?: boolean | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
