/**
 * Every error code the API emits, in `userErrors[].code` of mutation payloads, in `POST /media`
 * answers and in top-level `extensions.code`. The schema keeps `UserError.code` a String (the contract);
 * clients translate the code, the `message` is developer text.
 */
export enum ErrorCode {
  INVALID = 'INVALID',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  UNAVAILABLE = 'UNAVAILABLE',
  FULL = 'FULL',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  TOO_LARGE = 'TOO_LARGE',
  UNSUPPORTED_MEDIA = 'UNSUPPORTED_MEDIA',
  /** The user's storage for uploads is used up (MEDIA_QUOTA_BYTES). */
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  /** Sign-in or refresh of a suspended account; the message says until when. */
  ACCOUNT_SUSPENDED = 'ACCOUNT_SUSPENDED',
  // Top-level errors (`errors[].extensions.code`), never in userErrors:
  /** A malformed argument of a query (bad cursor or id, an input over its limits); HTTP 400. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The document is over the size, fragment, alias or selection limits; HTTP 400. */
  QUERY_TOO_LARGE = 'QUERY_TOO_LARGE',
  /** The document nests deeper than allowed; HTTP 400. */
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  /** The document's cost is over the limit; HTTP 400. */
  QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY',
  /** Our fault: logged, answered without details. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One problem the user can fix: the shape of `UserError` in the schema and of `POST /media` errors. */
export interface UserErrorData {
  /** Path to the input field at fault, e.g. ['input', 'password']. */
  field: string[] | null;
  message: string;
  code: ErrorCode;
  /** RATE_LIMITED only: seconds until the action is allowed again. */
  retryAfterSeconds?: number | null;
  /** ACCOUNT_SUSPENDED only: when the suspension ends (null: until a moderator reinstates the account). */
  suspendedUntil?: Date | null;
}

/** Accepts the enum (preferred) or its literal value. */
export type ErrorCodeValue = ErrorCode | `${ErrorCode}`;

export function userError(code: ErrorCodeValue, message: string, field?: string[] | null): UserErrorData {
  return { code: code as ErrorCode, message, field: field ?? null };
}

/**
 * A rule the user can fix was broken. Services throw it; the GraphQL layer turns it into the mutation
 * payload's `userErrors` (the transaction rolls back), routes into a 4xx JSON answer.
 */
export class DomainError extends Error {
  readonly errors: UserErrorData[];
  constructor(errors: UserErrorData | UserErrorData[]) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => e.message).join('; '));
    this.errors = list;
  }
  get code(): ErrorCode {
    return this.errors[0]?.code ?? ErrorCode.INVALID;
  }
}

export const invalid = (field: string[] | undefined, message: string) => new DomainError(userError(ErrorCode.INVALID, message, field));
export const notFound = (message: string, field?: string[]) => new DomainError(userError(ErrorCode.NOT_FOUND, message, field));
export const forbidden = (message: string, field?: string[]) => new DomainError(userError(ErrorCode.FORBIDDEN, message, field));
export const conflict = (message: string, field?: string[]) => new DomainError(userError(ErrorCode.CONFLICT, message, field));
export const unavailable = (message: string, field?: string[]) => new DomainError(userError(ErrorCode.UNAVAILABLE, message, field));

/** Collects field errors so a form can show all of them at once. */
export class ErrorCollector {
  readonly errors: UserErrorData[] = [];
  add(code: ErrorCodeValue, message: string, field?: string[]): void {
    this.errors.push(userError(code, message, field));
  }
  throwIfAny(): void {
    if (this.errors.length) throw new DomainError(this.errors);
  }
}

/**
 * Errors that are not a user's fixable input but the request's fault. They carry GraphQL-style
 * `extensions` (graphql-js copies them from the original error), so the kernel needs no GraphQL import.
 */
export class RequestError extends Error {
  readonly extensions: { code: string; http: { status: number }; argumentName?: string };
  constructor(message: string, code: string, status: number, argumentName?: string) {
    super(message);
    this.extensions = { code, http: { status }, ...(argumentName ? { argumentName } : {}) };
  }
}

/** Missing or bad credentials: a top-level error, HTTP 401 on the POST path. */
export const unauthenticated = (message = 'Sign in first.') => new RequestError(message, ErrorCode.UNAUTHENTICATED, 401);

/** Malformed arguments of a query (bad cursor, bad id): a top-level BAD_USER_INPUT error, HTTP 400. */
export const badInput = (message: string, argument?: string) => new RequestError(message, ErrorCode.BAD_USER_INPUT, 400, argument);
