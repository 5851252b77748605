import { ErrorCode } from '../kernel/errors.js';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator, getComplexity as GetComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE, MAX_PAGE } from '../kernel/pagination.js';
import { inputLimitsError } from './input-limits.js';

// Its ESM build imports graphql's .mjs files, a second graphql realm; the CommonJS build shares ours.
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as { getComplexity: typeof GetComplexity };

export const MAX_DEPTH = 12;
/** Characters of query text; our client's largest operation is a few kB. */
export const MAX_QUERY_LENGTH = 20_000;
export const MAX_FRAGMENTS = 50;
export const MAX_ALIASES = 100;
/** Field selections once every fragment spread is expanded (computed per fragment, never by expanding). */
export const MAX_SELECTIONS = 2_000;
/**
 * Fields with the same response name in one selection set (fragments included): graphql-js's
 * OverlappingFieldsCanBeMerged compares them pairwise, so many repeats are quadratic work.
 */
export const MAX_SAME_FIELD = 10;
const MAX_COST = 20_000;

/**
 * The cost model (graphql-query-complexity estimators; MAX_COST per operation):
 * - a field that runs its own query costs QUERY_COST on top of what it returns, even with `first: 0`:
 *   connections (`…Connection` types), fields paged with `first` (e.g. `tags`) and every root Query field;
 * - each `…Count` field of a connection (`totalCount`, …) runs a COUNT: COUNT_COST, counted once per
 *   connection per selection (not multiplied by the page size);
 * - a connection's page costs `first` (DEFAULT_PAGE when omitted, at most MAX_PAGE) times its children;
 * - any other field costs 1 plus its children.
 */
export const QUERY_COST = 20;
export const COUNT_COST = 250;

const tooLarge = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_LARGE, http: { status: 400 } } });

interface SetStats {
  depth: number;
  selections: number;
  /** How often each response name occurs in this selection set, fragments included. */
  keys: Map<string, number>;
}

/**
 * Size limits on a parsed document, linear in its size: each fragment's depth and expanded selection
 * count is computed once (memoised), so a fragment spread many times costs nothing extra.
 */
export function documentLimitsError(document: DocumentNode): GraphQLError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let aliases = 0;
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  if (fragments.size > MAX_FRAGMENTS)
    return tooLarge(`The query defines ${fragments.size} fragments; at most ${MAX_FRAGMENTS} are allowed.`);

  const memo = new Map<string, SetStats>();
  const inProgress = new Set<string>();
  let sameField = 0;
  const empty = (): SetStats => ({ depth: 0, selections: 0, keys: new Map() });
  const statsOf = (set: SelectionSetNode | undefined): SetStats => {
    if (!set) return empty();
    let depth = 0;
    let selections = 0;
    const keys = new Map<string, number>();
    const addKey = (key: string, n: number) => {
      const count = Math.min((keys.get(key) ?? 0) + n, Number.MAX_SAFE_INTEGER);
      keys.set(key, count);
      sameField = Math.max(sameField, count);
    };
    for (const sel of set.selections) {
      let child: SetStats;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        const inner = statsOf(sel.selectionSet);
        child = { depth: 1 + inner.depth, selections: 1 + inner.selections, keys: new Map() };
        addKey((sel.alias ?? sel.name).value, 1);
      } else {
        child = sel.kind === Kind.INLINE_FRAGMENT ? statsOf(sel.selectionSet) : fragmentStats(sel.name.value);
        for (const [key, n] of child.keys) addKey(key, n);
      }
      depth = Math.max(depth, child.depth);
      selections = Math.min(selections + child.selections, Number.MAX_SAFE_INTEGER);
    }
    return { depth, selections, keys };
  };
  const fragmentStats = (name: string): SetStats => {
    const known = memo.get(name);
    if (known) return known;
    if (inProgress.has(name)) return empty(); // a cycle: NoFragmentCyclesRule reports it
    inProgress.add(name);
    const stats = statsOf(fragments.get(name)?.selectionSet);
    inProgress.delete(name);
    memo.set(name, stats);
    return stats;
  };

  let depth = 0;
  let selections = 0;
  for (const def of document.definitions) {
    const stats =
      def.kind === Kind.OPERATION_DEFINITION
        ? statsOf(def.selectionSet)
        : fragmentStats(def.kind === Kind.FRAGMENT_DEFINITION ? def.name.value : '');
    depth = Math.max(depth, stats.depth);
    if (def.kind === Kind.OPERATION_DEFINITION) selections = Math.max(selections, stats.selections);
  }
  if (aliases > MAX_ALIASES) return tooLarge(`The query uses ${aliases} aliases; at most ${MAX_ALIASES} are allowed.`);
  if (selections > MAX_SELECTIONS)
    return tooLarge(`The query expands to ${selections} field selections; at most ${MAX_SELECTIONS} are allowed.`);
  if (sameField > MAX_SAME_FIELD)
    return tooLarge(`The query selects one field ${sameField} times in one place; at most ${MAX_SAME_FIELD} are allowed.`);
  if (depth > MAX_DEPTH) {
    return new GraphQLError(`The query is nested ${depth} levels deep; at most ${MAX_DEPTH} are allowed.`, {
      extensions: { code: ErrorCode.QUERY_TOO_DEEP, http: { status: 400 } },
    });
  }
  return null;
}

/**
 * Checks run on the query text before graphql-js validates it (its rules are only linear on a bounded
 * document): the text length, then the parsed document's size limits. Gives the document when within limits.
 */
export function sourceLimits(source: unknown): { error: GraphQLError } | { document: DocumentNode } | null {
  if (typeof source !== 'string') return null; // Apollo answers a missing or non-string query itself
  if (source.length > MAX_QUERY_LENGTH)
    return { error: tooLarge(`The query text has ${source.length} characters; at most ${MAX_QUERY_LENGTH} are allowed.`) };
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: MAX_QUERY_LENGTH });
  } catch {
    return null; // the syntax error is reported by the normal path
  }
  const error = documentLimitsError(document);
  return error ? { error } : { document };
}

const isCountField = (name: string) => /Count$/.test(name);

/** `…Count` fields selected directly on a connection (through fragments, each fragment scanned once). */
function countSelections(fragments: Map<string, FragmentDefinitionNode>, memo: Map<string, number>) {
  const inSet = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    let n = 0;
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) n += isCountField(sel.name.value) ? 1 : 0;
      else if (sel.kind === Kind.INLINE_FRAGMENT) n += inSet(sel.selectionSet, seen);
      else {
        const name = sel.name.value;
        if (seen.has(name)) continue;
        if (!memo.has(name)) {
          seen.add(name);
          memo.set(name, inSet(fragments.get(name)?.selectionSet, seen));
          seen.delete(name);
        }
        n += memo.get(name) ?? 0;
      }
    }
    return n;
  };
  return (node: FieldNode) => inSet(node.selectionSet, new Set());
}

function estimator(document: DocumentNode, schema: GraphQLSchema): ComplexityEstimator {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const counts = countSelections(fragments, new Map());
  const queryType = schema.getQueryType();
  const page = (first: unknown, fallback: number) => (typeof first === 'number' ? Math.min(Math.max(first, 0), MAX_PAGE) : fallback);
  return ({ args, field, type, node, childComplexity }) => {
    const named = getNamedType(field.type);
    if (isObjectType(named) && named.name.endsWith('Connection')) {
      // Count fields cost 0 below and COUNT_COST each here, so `first: 0` does not make them free.
      return QUERY_COST + COUNT_COST * counts(node) + page(args.first, DEFAULT_PAGE) * Math.max(childComplexity, 1);
    }
    if (isObjectType(type) && type.name.endsWith('Connection') && isCountField(field.name)) return 0;
    if (typeof args.first === 'number') return QUERY_COST + page(args.first, 0) * Math.max(childComplexity, 1);
    if (type === queryType && !field.name.startsWith('__')) return QUERY_COST + childComplexity;
    return 1 + childComplexity;
  };
}

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
      estimators: [estimator(document, schema)],
    });
  } catch {
    return null; // variable errors are reported by execution with a clearer message
  }
  if (cost <= MAX_COST) return null;
  return new GraphQLError(`The query would cost ${cost}; at most ${MAX_COST} is allowed. Ask for smaller pages and fewer counts.`, {
    extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, maximumCost: MAX_COST, http: { status: 400 } },
  });
}

/**
 * Size and depth, then cost, then the inputs of every non-mutation field: run on HTTP (Apollo plugin)
 * and on WebSocket (graphql-ws onSubscribe) alike. Mutation arguments are checked by the mutation
 * wrapper (schema.ts) so that they become the payload's userErrors.
 */
export function limitsError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): GraphQLError | null {
  return (
    documentLimitsError(document) ??
    costError(schema, document, variables, operationName) ??
    inputLimitsError(schema, document, variables, operationName)
  );
}
