// The change policy (docs/changes.md) as code: which breaking changes between two schemas are allowed.
// A breaking change (graphql-js findBreakingChanges) is allowed only when what it breaks was deprecated before and is
// not part of the public contract (../shared/contract/*.graphql); a contract item never breaks.
import {
  BreakingChangeType,
  buildSchema,
  findBreakingChanges,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
} from 'graphql';

/** `Type`, `Type.field`, `Type.field(arg)` and `Enum.VALUE` of every definition and extension in contract SDL. */
export function contractCoordinates(sources) {
  const coordinates = new Set();
  for (const source of sources) {
    for (const def of parse(source).definitions) {
      if (!def.name) continue;
      const type = def.name.value;
      coordinates.add(type);
      for (const field of def.fields ?? []) {
        coordinates.add(`${type}.${field.name.value}`);
        for (const arg of field.arguments ?? []) coordinates.add(`${type}.${field.name.value}(${arg.name.value})`);
      }
      for (const value of def.values ?? []) coordinates.add(`${type}.${value.name.value}`);
      if (def.kind === Kind.UNION_TYPE_DEFINITION || def.kind === Kind.UNION_TYPE_EXTENSION)
        for (const member of def.types ?? []) coordinates.add(`${type}|${member.name.value}`);
    }
  }
  return coordinates;
}

/** What a change breaks, read from graphql-js's message: the coordinates it touches, and whether it was deprecated. */
const RULES = [
  // Type removed / changed kind: "deprecated" when only deprecated fields and arguments referred to it.
  [
    /^(?:Standard scalar )?(\w+) (?:was removed(?: because it is not referenced anymore)?\.$|changed from an? )/,
    (m, old) => ({ coordinates: [m[1]], deprecated: onlyDeprecatedUses(old, m[1]) }),
  ],
  [/^(\w+) was removed from union type (\w+)\.$/, (m) => ({ coordinates: [m[2], `${m[2]}|${m[1]}`], deprecated: false })],
  [
    /^(\w+) was removed from enum type (\w+)\.$/,
    (m, old) => ({ coordinates: [`${m[2]}.${m[1]}`], deprecated: Boolean(old.getType(m[2])?.getValue(m[1])?.deprecationReason) }),
  ],
  [/^(\w+) no longer implements interface (\w+)\.$/, (m) => ({ coordinates: [m[1]], deprecated: false })],
  [/^A required field (\w+) on input type (\w+) was added\.$/, (m) => ({ coordinates: [m[2]], deprecated: false })],
  [
    /^A required arg (\w+) on (\w+)\.(\w+) was added\.$/,
    (m, old) => ({ coordinates: [`${m[2]}.${m[3]}`], deprecated: Boolean(fieldOf(old, m[2], m[3])?.deprecationReason) }),
  ],
  [
    /^(\w+)\.(\w+) arg (\w+) (?:was removed|has changed type)/,
    (m, old) => {
      const field = fieldOf(old, m[1], m[2]);
      const arg = field?.args?.find((a) => a.name === m[3]);
      return {
        coordinates: [`${m[1]}.${m[2]}`, `${m[1]}.${m[2]}(${m[3]})`],
        deprecated: Boolean(field?.deprecationReason || arg?.deprecationReason),
      };
    },
  ],
  [
    /^(\w+)\.(\w+) (?:was removed|changed type)/,
    (m, old) => ({ coordinates: [`${m[1]}.${m[2]}`], deprecated: Boolean(fieldOf(old, m[1], m[2])?.deprecationReason) }),
  ],
];

function fieldOf(schema, typeName, fieldName) {
  const type = schema.getType(typeName);
  return type && 'getFields' in type ? type.getFields()[fieldName] : undefined;
}

/** Nothing but deprecated fields, arguments and input fields of the old schema refers to this type (and it is no root). */
function onlyDeprecatedUses(schema, typeName) {
  if ([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].some((t) => t?.name === typeName)) return false;
  let used = false;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if ('getTypes' in type && type.getTypes().some((t) => t.name === typeName)) return false;
    if ((isObjectType(type) || isInterfaceType(type)) && type.getInterfaces().some((i) => i.name === typeName)) return false;
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const refs = [field, ...(field.args ?? [])].filter((f) => getNamedType(f.type).name === typeName);
      for (const ref of refs) {
        used = true;
        if (!ref.deprecationReason && !field.deprecationReason) return false;
      }
    }
  }
  return used;
}

/**
 * The breaking changes from `oldSdl` to `newSdl`, split into those the policy allows (deprecated first, outside the
 * contract) and those it refuses, each with graphql-js's description and why.
 */
export function classifyBreakingChanges(oldSdl, newSdl, contract = new Set()) {
  const oldSchema = buildSchema(oldSdl);
  const changes = findBreakingChanges(oldSchema, buildSchema(newSdl));
  const allowed = [];
  const refused = [];
  for (const change of changes) {
    const rule = RULES.find(([pattern]) => pattern.test(change.description));
    const read = rule ? rule[1](rule[0].exec(change.description), oldSchema) : { coordinates: [], deprecated: false };
    const inContract = read.coordinates.some((c) => contract.has(c));
    const entry = { type: change.type, description: change.description };
    if (inContract) refused.push({ ...entry, why: 'part of the public contract: it must never break' });
    else if (change.type === BreakingChangeType.DIRECTIVE_REMOVED || !read.deprecated)
      refused.push({ ...entry, why: 'not deprecated first (@deprecated(reason: "… Removed after YYYY-MM-DD"))' });
    else allowed.push(entry);
  }
  return { allowed, refused };
}
