import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from './errors.js';

/** Shared by every delete mutation (posts, comments, photo tags, rooms …). */
@ObjectType('DeletePayload', { description: 'The answer of a delete mutation: the id of what was deleted, or why not.' })
export class DeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of what was deleted.' }) deletedId?: string | null;
  @Field(() => [UserError], { description: 'Why nothing was deleted; empty on success.' }) userErrors!: UserError[];
}
