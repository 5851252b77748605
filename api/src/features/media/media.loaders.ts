import type { Context } from '../../graphql/context.js';
import { byIdLoader } from '../posts/by-id.js';
import { toMedia } from './media.records.js';

/** Media by raw id, one query per request tick. */
export const mediaById = (ctx: Context) => byIdLoader(ctx, 'media', toMedia);
