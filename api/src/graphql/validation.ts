import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator, getComplexity as GetComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE, MAX_PAGE } from '../kernel/pagination.js';

// Its ESM build imports graphql's .mjs files, a second graphql realm; the CommonJS build shares ours.
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as { getComplexity: typeof GetComplexity };

export const MAX_DEPTH = 12;
const MAX_COST = 20_000;

/** The error for an operation nested deeper than MAX_DEPTH (fragments followed), or null. */
function depthError(document: DocumentNode): GraphQLError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) max = Math.max(max, sel.selectionSet ? 1 + depthOf(sel.selectionSet, seen) : 1);
      else if (sel.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(sel.selectionSet, seen));
      else if (!seen.has(sel.name.value)) {
        const fragment = fragments.get(sel.name.value);
        max = Math.max(max, depthOf(fragment?.selectionSet, new Set([...seen, sel.name.value])));
      }
    }
    return max;
  };

  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const depth = depthOf(def.selectionSet, new Set());
    if (depth > MAX_DEPTH) {
      return new GraphQLError(`The query is nested ${depth} levels deep; at most ${MAX_DEPTH} are allowed.`, {
        extensions: { code: 'QUERY_TOO_DEEP', http: { status: 400 } },
      });
    }
  }
  return null;
}

/** Connections cost their page size times their children; everything else costs 1. */
const connectionEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  const named = getNamedType(field.type);
  if (isObjectType(named) && named.name.endsWith('Connection')) {
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), MAX_PAGE) : DEFAULT_PAGE;
    return 1 + first * Math.max(childComplexity, 1);
  }
  if (typeof args.first === 'number') return 1 + Math.min(Math.max(args.first, 0), MAX_PAGE) * Math.max(childComplexity, 1);
  return 1 + childComplexity;
};

/** The cost check, run for HTTP and WebSocket operations alike; null when within budget. */
function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): GraphQLError | null {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [connectionEstimator],
    });
  } catch {
    return null; // variable errors are reported by execution with a clearer message
  }
  if (cost <= MAX_COST) return null;
  return new GraphQLError(`The query would cost ${cost}; at most ${MAX_COST} is allowed. Ask for smaller pages.`, {
    extensions: { code: 'QUERY_TOO_COSTLY', cost, maximumCost: MAX_COST, http: { status: 400 } },
  });
}

/** Depth, then cost: run on HTTP (Apollo plugin) and on WebSocket (graphql-ws onSubscribe) alike. */
export function limitsError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): GraphQLError | null {
  return depthError(document) ?? costError(schema, document, variables, operationName);
}
