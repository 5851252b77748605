import { Field, ObjectType, type MiddlewareFn } from 'type-graphql';
import { GraphQLError } from 'graphql';

export type UserErrorCode = 'INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'FULL' | 'UNAUTHENTICATED';

@ObjectType('UserError')
export class UserError {
  @Field(() => [String], { nullable: true, description: "Path to the input field at fault, e.g. ['input', 'password']." })
  field!: string[] | null;

  @Field(() => String)
  message!: string;

  @Field(() => String, { description: 'Machine-readable: INVALID, NOT_FOUND, FORBIDDEN, CONFLICT, RATE_LIMITED, UNAVAILABLE ...' })
  code!: string;
}

export function userError(code: UserErrorCode, message: string, field?: string[]): UserError {
  return Object.assign(new UserError(), { code, message, field: field ?? null });
}

/**
 * A rule the user can fix was broken. Services throw it; the mutation middleware
 * below turns it into the payload's `userErrors`, and nothing is changed
 * (the service's transaction rolls back).
 */
export class DomainError extends Error {
  readonly errors: UserError[];
  constructor(errors: UserError | UserError[]) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => e.message).join('; '));
    this.errors = list;
  }
}

export const invalid = (field: string[] | undefined, message: string) => new DomainError(userError('INVALID', message, field));
export const notFound = (message: string, field?: string[]) => new DomainError(userError('NOT_FOUND', message, field));
export const forbidden = (message: string, field?: string[]) => new DomainError(userError('FORBIDDEN', message, field));
export const conflict = (message: string, field?: string[]) => new DomainError(userError('CONFLICT', message, field));

/** Collects field errors so a form can show all of them at once. */
export class ErrorCollector {
  readonly errors: UserError[] = [];
  add(code: UserErrorCode, message: string, field?: string[]): void {
    this.errors.push(userError(code, message, field));
  }
  throwIfAny(): void {
    if (this.errors.length) throw new DomainError(this.errors);
  }
}

/** Missing or bad credentials: a top-level error, HTTP 401 on the POST path. */
export function unauthenticated(message = 'Sign in first.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Malformed arguments of a query (bad cursor, bad id): a top-level error, HTTP 400. */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName: argument, http: { status: 400 } } });
}

/** The one place where domain errors become mutation payloads. */
export const userErrorsMiddleware: MiddlewareFn = async ({ info }, next) => {
  try {
    return await next();
  } catch (error) {
    if (error instanceof DomainError && info.parentType.name === 'Mutation') return { userErrors: error.errors };
    throw error;
  }
};
