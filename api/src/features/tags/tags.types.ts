import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { connectionTypes } from '../../graphql/relay.js';

@ObjectType('Tag', { implements: Node, description: 'A hashtag of posts and rooms.' })
export class TagObject extends Node {
  @Field(() => String, { description: "Lower-case, without '#'." }) name!: string;
  @Field(() => Int, { description: 'How many posts carry this tag.' }) postCount!: number;
}

export const { Connection: TagConnection } = connectionTypes('Tag', TagObject);
