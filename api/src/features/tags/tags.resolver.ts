import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { registerNodeType } from '../../graphql/node.js';
import { badInput } from '../../kernel/errors.js';
import { pageSize } from '../../kernel/pagination.js';
import { Tag } from './tags.entity.js';
import type { TagRecord } from './tags.records.js';
import { tagById } from './tags.loaders.js';
import { MAX_TAG_LENGTH, normaliseTag } from './tags.service.js';
import { TagObject } from './tags.types.js';

registerNodeType('Tag', Tag, (ctx, id) => tagById(ctx).load(id));

@Resolver(() => TagObject)
export class TagsResolver {
  @Query(() => [TagObject], { description: 'Tags whose name starts with `query` (all when omitted), most used first.' })
  async tags(
    @Ctx() ctx: Context,
    @Arg('query', () => String, { nullable: true, description: "The start of the name, with or without '#'." }) query?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; 20 when omitted.' }) first?: number | null,
  ): Promise<TagRecord[]> {
    const prefix = normaliseTag(query ?? '');
    if ([...prefix].length > MAX_TAG_LENGTH) throw badInput(`The tag search text can be at most ${MAX_TAG_LENGTH} characters.`, 'query');
    const limit = pageSize(first);
    return limit ? ctx.services.tags.searchTags(ctx.em, prefix, limit) : [];
  }
}
