import type { Context } from '../../graphql/context.js';
import { byIdLoader } from '../posts/by-id.js';
import { Media } from './media.entity.js';

/** Media by raw id, one query per request tick. */
export const mediaById = (ctx: Context) => byIdLoader(ctx, 'mediaById', Media);
