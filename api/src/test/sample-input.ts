import { randomUUID } from 'node:crypto';
import { isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';
import { toGlobalId } from '../kernel/ids.js';

/**
 * A well-formed value of an input type, for operations built from the schema (authorization matrices): ids name a user
 * that does not exist, so nothing is changed by a call that gets past authorization.
 */
export function sampleInput(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleInput(type.ofType);
  if (isListType(type)) return [sampleInput(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sampleInput(f.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return toGlobalId('User', randomUUID());
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date(Date.now() + 86_400_000).toISOString();
      default:
        return 'matrix';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}
