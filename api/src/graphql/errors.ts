import { Field, Int, ObjectType } from 'type-graphql';
import { ErrorCode } from '../kernel/errors.js';
import { DateTime } from './scalars.js';

@ObjectType('UserError', { description: 'A problem the user can fix; nothing was changed.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: "Path to the input field at fault, e.g. ['input', 'password']." })
  field!: string[] | null;

  @Field(() => String, { description: 'Developer text in English; clients show their own translation of `code`.' })
  message!: string;

  @Field(() => String, { description: `Machine-readable, one of: ${Object.values(ErrorCode).join(', ')}.` })
  code!: string;

  @Field(() => Int, { nullable: true, description: 'With RATE_LIMITED: seconds until the action is allowed again.' })
  retryAfterSeconds?: number | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'With ACCOUNT_SUSPENDED: when the suspension ends; null when it lasts until a moderator reinstates the account.',
  })
  suspendedUntil?: Date | null;
}
