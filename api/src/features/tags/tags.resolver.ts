import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { registerNodeType } from '../../graphql/node.js';
import { pageSize } from '../../graphql/relay.js';
import { Tag } from './tags.entity.js';
import type { TagRecord } from './tags.records.js';
import { tagById } from './tags.loaders.js';
import { normaliseTag, searchTags } from './tags.service.js';
import { TagObject } from './tags.types.js';

registerNodeType('Tag', Tag, (ctx, id) => tagById(ctx).load(id));

@Resolver(() => TagObject)
export class TagsResolver {
  @Query(() => [TagObject], { description: 'Tags whose name starts with `query` (all when omitted), most used first.' })
  async tags(
    @Ctx() ctx: Context,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<TagRecord[]> {
    const prefix = normaliseTag(query ?? '');
    if ([...prefix].length > 50) throw badInput('The tag search text can be at most 50 characters.', 'query');
    const limit = pageSize(first);
    return limit ? searchTags(ctx.em, prefix, limit) : [];
  }
}
