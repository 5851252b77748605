import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType('PageInfo', {
  description: 'Where a page of a connection sits in the whole list; pass `endCursor` as `after` for the next page.',
})
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow this page: ask again with `after: endCursor`.' }) hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'Items come before this page (only forward paging is offered, so true when `after` was given).' })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the first item of this page; null when the page is empty.' })
  startCursor!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last item of this page (pass it as `after`); null when the page is empty.',
  })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when omitted.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page; omitted for the first page.' })
  after?: string | null;
}

/** Descriptions of a connection's types: what the list is (its order) and what one item is. */
export interface ConnectionDocs {
  connection: string;
  item: string;
}

/**
 * `XEdge` and `XConnection` object types named as the contract names them, always described: by `docs` when given,
 * otherwise in general terms from the type's name.
 */
export function connectionTypes<T extends object>(name: string, nodeType: ClassType<T>, docs?: ConnectionDocs) {
  const item = docs?.item ?? `One ${name}`;
  @ObjectType(`${name}Edge`, { description: `${item} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this item; pass it as `after` to continue after it.' }) cursor!: string;
    @Field(() => nodeType, { description: docs ? `${docs.item}.` : `The ${name}.` }) node!: T;
  }

  @ObjectType(`${name}Connection`, {
    description: docs?.connection ?? `A page of ${name} items (Relay connection): \`nodes\` or \`edges\`, \`pageInfo\` and \`totalCount\`.`,
  })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' }) edges!: Edge[];
    @Field(() => [nodeType], { description: 'The items of this page (the same as `edges[].node`).' }) nodes!: T[];
    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to ask for the next one.' }) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'How many items the whole list has (all pages); costs a count, so ask only when shown.' })
    totalCount!: number;
  }
  return { Edge, Connection };
}
