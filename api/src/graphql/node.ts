import { Arg, Field, ID, InterfaceType, Query, Resolver, Ctx } from 'type-graphql';
import type { Context } from './context.js';
import { parseGlobalId } from '../kernel/ids.js';

/**
 * Loads one object by raw id for `node(id)`, or null when it does not exist or the actor may not see it.
 * Goes through the feature's DataLoaders (which call its service): no SQL here, so `node` batches with the
 * rest of the query.
 */
export type NodeLoader = (ctx: Context, id: string) => Promise<object | null>;
const loaders = new Map<string, NodeLoader>();
/** Keyed by the class (constructor) of the objects a loader returns. */
const typeNames = new Map<unknown, string>();

/** Each feature registers its Node types (in its resolver file): how to load one by raw id, and which class it comes back as. */
export function registerNodeType(typeName: string, entityClass: abstract new (...args: never[]) => object, load: NodeLoader): void {
  loaders.set(typeName, load);
  typeNames.set(entityClass, typeName);
}

/** The Node type name of a loaded object (also resolves unions of Node types, e.g. `ReportSubject`). */
export function nodeTypeName(value: object): string | undefined {
  return typeNames.get(value.constructor) ?? (value as { __typename?: string }).__typename;
}

@InterfaceType('Node', {
  resolveType: (value) => nodeTypeName(value),
  description: 'An object with a global id: any of them can be fetched again with `node(id)`.',
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id (opaque, stable): use it with `node(id)` and in every argument that takes this object.' })
  id!: string;
}

/** One object of a Node type by raw id, as `node(id)` would answer it to this viewer (null when hidden). */
export function loadNode(ctx: Context, typeName: string, id: string): Promise<object | null> {
  const load = loaders.get(typeName);
  return load ? load(ctx, id) : Promise.resolve(null);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null when it does not exist or the viewer may not see it.',
  })
  async node(
    @Arg('id', () => ID, { description: "A global id, as any object's `id` field gives it." }) id: string,
    @Ctx() ctx: Context,
  ): Promise<object | null> {
    const parsed = parseGlobalId(id);
    const load = parsed && loaders.get(parsed.type);
    if (!parsed || !load) return null;
    return load(ctx, parsed.id);
  }
}
