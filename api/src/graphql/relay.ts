import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when omitted.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** Descriptions of a connection's types: what the list is (its order) and what one item is. */
export interface ConnectionDocs {
  connection: string;
  item: string;
}

/** `XEdge` and `XConnection` object types named as the contract names them; described when `docs` is given. */
export function connectionTypes<T extends object>(name: string, nodeType: ClassType<T>, docs?: ConnectionDocs) {
  const described = (description: string) => (docs ? { description } : {});
  @ObjectType(`${name}Edge`, described(`${docs?.item} with its cursor.`))
  class Edge {
    @Field(() => String, described('Pass as `after` to get the items after this one.')) cursor!: string;
    @Field(() => nodeType, described(`${docs?.item}.`)) node!: T;
  }

  @ObjectType(`${name}Connection`, described(docs?.connection ?? ''))
  class Connection {
    @Field(() => [Edge], described('The items with their cursors, in the order of the list.')) edges!: Edge[];
    @Field(() => [nodeType], described('The items, in the order of the list.')) nodes!: T[];
    @Field(() => PageInfo, described('`hasNextPage`: there are more items after this page.')) pageInfo!: PageInfo;
    @Field(() => Int, described('How many items the whole list holds.')) totalCount!: number;
  }
  return { Edge, Connection };
}
