import 'reflect-metadata';
import { ErrorCode } from '../kernel/errors.js';
import { buildSchema } from 'type-graphql';
import {
  GraphQLError,
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { resolvers } from '../features/index.js';
import { DomainError } from '../kernel/errors.js';
import { toGlobalId } from '../kernel/ids.js';
import { authChecker } from './auth.js';
import { argumentLimitErrors } from './input-limits.js';
import { DateTime } from './scalars.js';

let built: Promise<GraphQLSchema> | null = null;

/** Built once per process: type-graphql's metadata is global. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: resolvers as [(typeof resolvers)[number], ...(typeof resolvers)[number][]],
    scalarsMap: [{ type: Date, scalar: DateTime }],
    validate: false,
    authChecker,
    // Every subscription supplies its own `subscribe` (PubSub.subscribe with a fresh
    // context per event); type-graphql only insists that a pubSub exists.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error('use @Subscription({ subscribe })');
      },
    },
  }).then(finishSchema);
  return built;
}

/**
 * Cross-cutting rules applied once here rather than in every resolver:
 * - a mutation's arguments over the input limits (input-limits.ts) become that payload's `userErrors`
 *   without running it (a BAD_USER_INPUT error for the few mutations without a payload);
 * - a DomainError thrown by a mutation becomes that payload's `userErrors`;
 * - every Node's `id` is the opaque global id of its raw database id.
 */
function finishSchema(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    const returnType = getNamedType(field.type);
    const hasPayload = isObjectType(returnType) && 'userErrors' in returnType.getFields();
    const owner = `${mutation?.name}.${field.name}`;
    field.resolve = async (source, args, ctx, info) => {
      const overLimits = argumentLimitErrors(owner, field.args, args);
      if (overLimits.length) {
        if (hasPayload) return { userErrors: overLimits };
        throw new GraphQLError(`${overLimits[0].field?.join('.')}: ${overLimits[0].message}`, {
          extensions: { code: ErrorCode.BAD_USER_INPUT, field: overLimits[0].field },
        });
      }
      try {
        return await resolve(source, args, ctx, info);
      } catch (error) {
        if (error instanceof DomainError) return { userErrors: error.errors };
        throw error;
      }
    };
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    // Connection counts are thunks, so the COUNT query runs only when a client asks for it.
    for (const field of Object.values(type.getFields())) {
      if (type.name.endsWith('Connection') && /Count$/.test(field.name)) {
        const name = field.name;
        field.resolve = (source: Record<string, unknown>) =>
          typeof source[name] === 'function' ? (source[name] as () => unknown)() : source[name];
      }
    }
    if (!type.getInterfaces().some((i) => i.name === 'Node')) continue;
    const idField = type.getFields().id;
    const typeName = type.name;
    const globalId: GraphQLFieldResolver<{ id: string }, unknown> = (source) => toGlobalId(typeName, source.id);
    idField.resolve = globalId;
  }
  return schema;
}

export async function printSortedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await getSchema())) + '\n';
}
