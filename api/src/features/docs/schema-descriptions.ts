import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
/** The root types are named by GraphQL itself; their fields carry the descriptions. */
const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Every type, field, argument and enum value of the schema without a description, as `Type`, `Type.field`,
 * `Type.field(argument)` or `Enum.VALUE` — what the reference would show with nothing to say.
 */
export function missingDescriptions(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || BUILT_IN.has(type.name)) continue;
    if (!type.description && !ROOTS.has(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  return missing.sort();
}
