import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from './errors.js';

/** Shared by every delete mutation (posts, comments, photo tags, rooms …). */
@ObjectType('DeletePayload')
export class DeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of what was deleted.' }) deletedId?: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
