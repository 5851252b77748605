import {
  GraphQLError,
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  isListType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { ErrorCode, userError, type UserErrorData } from '../kernel/errors.js';

/**
 * Cheap upper bounds on every argument, checked before any resolver runs (literals and variables,
 * nested input objects alike), so no service ever loops over a huge list or string. Services keep
 * their own, tighter product rules (e.g. at most 30 tags); these only bound the work.
 * - every list: at most MAX_LIST_ITEMS items;
 * - every String/ID: at most MAX_STRING_LENGTH characters and no control characters
 *   (U+0000–U+001F except tab, line feed and carriage return; U+007F).
 * LIMIT_OVERRIDES holds other numbers for a schema coordinate (`Type.field(arg:)` or `InputType.field`).
 */
export const MAX_LIST_ITEMS = 100;
export const MAX_STRING_LENGTH = 10_000;
const LIMIT_OVERRIDES: Record<string, { maxItems?: number; maxLength?: number }> = {};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MAX_REPORTED = 10;

function walk(type: GraphQLInputType, value: unknown, field: string[], coordinate: string, out: UserErrorData[]): void {
  if (value === null || value === undefined || out.length >= MAX_REPORTED) return;
  const nullable = getNullableType(type);
  const limits = LIMIT_OVERRIDES[coordinate] ?? {};
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return walk(nullable.ofType, value, field, coordinate, out);
    const maxItems = limits.maxItems ?? MAX_LIST_ITEMS;
    // The length is checked before looking at any item.
    if (value.length > maxItems) return void out.push(userError(ErrorCode.INVALID, `A list can hold at most ${maxItems} items.`, field));
    for (const item of value) walk(nullable.ofType, item, field, coordinate, out);
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    for (const [name, def] of Object.entries(nullable.getFields()))
      walk(def.type, (value as Record<string, unknown>)[name], [...field, name], `${nullable.name}.${name}`, out);
    return;
  }
  if (isScalarType(nullable) && typeof value === 'string') {
    const maxLength = limits.maxLength ?? MAX_STRING_LENGTH;
    if (value.length > maxLength) out.push(userError(ErrorCode.INVALID, `Text can be at most ${maxLength} characters.`, field));
    else if (CONTROL.test(value)) out.push(userError(ErrorCode.INVALID, 'Text must not contain control characters.', field));
  }
}

/** The limit violations of one field's coerced arguments, as userErrors with the argument's path. */
export function argumentLimitErrors(owner: string, args: readonly GraphQLArgument[], values: Record<string, unknown>): UserErrorData[] {
  const out: UserErrorData[] = [];
  for (const arg of args) walk(arg.type, values[arg.name], [arg.name], `${owner}(${arg.name}:)`, out);
  return out;
}

/**
 * The same limits on every field of a query or subscription (mutation root fields are left to the
 * mutation wrapper, which answers with userErrors): a BAD_USER_INPUT error (HTTP 400), or null.
 * One pass over the document (each fragment where it is defined, not per spread); variables are coerced once.
 */
export function inputLimitsError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): GraphQLError | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return null; // execution reports them
  const mutationType = schema.getMutationType();
  const typeInfo = new TypeInfo(schema);
  let found: UserErrorData | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (!node.arguments?.length) return;
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (!def || !parent || parent === mutationType) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(def, node, coerced.coerced);
        } catch {
          return; // a variable of another operation, or an invalid value execution reports
        }
        const [first] = argumentLimitErrors(`${getNamedType(parent).name}.${def.name}`, def.args, values);
        if (first) {
          found = { ...first, field: [node.name.value, ...(first.field ?? [])] };
          return BREAK;
        }
      },
    }),
  );
  if (!found) return null;
  const violation = found as UserErrorData;
  return new GraphQLError(`${violation.field?.join('.')}: ${violation.message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: violation.field, http: { status: 400 } },
  });
}
