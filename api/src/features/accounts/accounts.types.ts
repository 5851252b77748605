import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';
import { DateTime } from '../../graphql/scalars.js';

/**
 * The public face of a user. Counts, relations and `viewer*` fields are added by
 * the features that own them (friends, posts, media) as field resolvers on this type.
 */
@ObjectType('User', { implements: Node, description: 'A person with an account.' })
export class UserObject extends Node {
  @Field(() => String, { description: 'The unique sign-in name, lower-case (shown as @username; profile URL /u/<username>).' })
  username!: string;
  @Field(() => String, { description: 'The name shown to others (1–50 characters).' }) displayName!: string;
  @Field(() => String, { nullable: true, description: 'A short text about the user (at most 300 characters), or null.' })
  bio!: string | null;
  @Field(() => DateTime, { description: 'When the account was made.' }) createdAt!: Date;
  @Field(() => Boolean, {
    description:
      'A private account: only the owner, their friends, approved followers and staff see its posts; following it sends a request the owner approves.',
  })
  isPrivate!: boolean;
}

export const { Connection: UserConnection } = connectionTypes('User', UserObject);

@ObjectType('AuthPayload', { description: 'The result of signing up, signing in or refreshing a session.' })
export class AuthPayload {
  @Field(() => String, { nullable: true, description: 'The access token for the `Authorization: Bearer` header; null on error.' })
  accessToken?: string | null;
  @Field(() => String, { nullable: true, description: 'The single-use token that gets the next access token; null on error.' })
  refreshToken?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When the access token stops being accepted.' }) expiresAt?: Date | null;
  @Field(() => UserObject, { nullable: true, description: 'The signed-in user; null on error.' }) user?: object | null;
  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('UserPayload', { description: 'The result of a mutation on a user: the user as it is after the change.' })
export class UserPayload {
  @Field(() => UserObject, { nullable: true, description: 'The user after the change; null on error.' }) user?: object | null;
  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' }) userErrors!: UserError[];
}

@InputType('RegisterInput', { description: 'A new account.' })
export class RegisterInput {
  @Field(() => String, { description: '3–30 characters of a–z, 0–9, _ and . (stored lower-case).' }) username!: string;
  @Field(() => String, { description: 'The e-mail address; a verification link is sent there.' }) email!: string;
  @Field(() => String, { description: 'At least 8 characters.' }) password!: string;
  @Field(() => String, { nullable: true, description: 'The name shown to others; the username when left out.' })
  displayName?: string | null;
}

@InputType('LoginInput', { description: 'Credentials to sign in with.' })
export class LoginInput {
  @Field(() => String, { description: 'Username or e-mail address.' }) login!: string;
  @Field(() => String, { description: 'The account password.' }) password!: string;
}

@InputType('UpdateProfileInput', { description: "Changes to the viewer's profile; a field left out stays as it is." })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'The new display name (1–50 characters).' }) displayName?: string | null;
  @Field(() => String, { nullable: true, description: 'The new bio (at most 300 characters); empty or null removes it.' })
  bio?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Media id from POST /media, or null to remove the avatar.' }) avatarId?: string | null;
  @Field(() => String, { nullable: true, description: 'The current password, needed with `newPassword`.' })
  currentPassword?: string | null;
  @Field(() => String, { nullable: true, description: 'A new password (at least 8 characters); other sessions are signed out.' })
  newPassword?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Makes the account private (true) or public (false); see `User.isPrivate`. Making it public turns pending follow requests into follows.',
  })
  isPrivate?: boolean | null;
}

@InputType('VerifyEmailInput', { description: 'The token of an e-mail link.' })
export class VerifyEmailInput {
  @Field(() => String, { description: 'The token of the link in the verification (or e-mail change) e-mail.' }) token!: string;
}

@InputType('RequestPasswordResetInput', { description: 'Where to send a password-reset link.' })
export class RequestPasswordResetInput {
  @Field(() => String, { description: 'The e-mail address of the account.' }) email!: string;
}

@InputType('ResetPasswordInput', { description: 'A new password set with a reset link.' })
export class ResetPasswordInput {
  @Field(() => String, { description: 'The token of the link in the password-reset e-mail.' }) token!: string;
  @Field(() => String, { description: 'The new password (at least 8 characters).' }) newPassword!: string;
}

@InputType('RequestEmailChangeInput', { description: "A new e-mail address for the viewer's account." })
export class RequestEmailChangeInput {
  @Field(() => String, { description: 'The address to change to; a confirmation link is sent there.' }) newEmail!: string;
  @Field(() => String, { description: 'The current password of the account.' }) currentPassword!: string;
}

@ObjectType('RequestEmailChangePayload', { description: 'The result of `requestEmailChange`.' })
export class RequestEmailChangePayload {
  @Field(() => Boolean, {
    nullable: true,
    description: 'True when a confirmation link is on its way to the new address; the address changes only once it is opened.',
  })
  sent?: boolean | null;
  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('ResendVerificationEmailPayload', { description: 'The result of `resendVerificationEmail`.' })
export class ResendVerificationEmailPayload {
  @Field(() => Boolean, { nullable: true, description: 'True when a new link is on its way.' }) sent?: boolean | null;
  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('RequestPasswordResetPayload', { description: 'The result of `requestPasswordReset`.' })
export class RequestPasswordResetPayload {
  @Field(() => Boolean, {
    nullable: true,
    description: 'True once the request was taken: the same whether or not an account uses the address (a link is sent only if one does).',
  })
  accepted?: boolean | null;
  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('ResetPasswordPayload', { description: 'The result of `resetPassword`.' })
export class ResetPasswordPayload {
  @Field(() => Boolean, { nullable: true, description: 'True when the password was changed; every other session is signed out.' })
  passwordChanged?: boolean | null;
  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' }) userErrors!: UserError[];
}
