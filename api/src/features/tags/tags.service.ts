import type { Db } from '../../kernel/db.js';
import { badInput } from '../../kernel/errors.js';
import { paginate, type ConnectionShape, type PageInput } from '../../kernel/pagination.js';
import type { Tag } from './tags.entity.js';
import type { TagRecord } from './tags.records.js';
import type { TagsRepository } from './tags.repository.js';

const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;
/** Letters of any script (Hangul included), combining marks, digits and '_'. */
const TAG_NAME = /^[\p{L}\p{M}\p{N}_]+$/u;

/** One tag name as stored: NFC, trimmed, without leading '#', lower-case; '' when nothing is left. */
export function normaliseTag(raw: string): string {
  return String(raw ?? '')
    .normalize('NFC')
    .trim()
    .replace(/^#+/, '')
    .trim()
    .toLowerCase();
}

/**
 * Tag names as typed → the stored names, deduplicated in first-seen order.
 * `error` explains the first rule broken (the caller reports it as INVALID).
 */
export function normaliseTags(names: string[]): { tags: string[]; error?: string } {
  const tags: string[] = [];
  for (const raw of names ?? []) {
    const name = normaliseTag(raw);
    const length = [...name].length;
    if (length < 1 || length > MAX_TAG_LENGTH) return { tags, error: `Tags must be 1–${MAX_TAG_LENGTH} characters.` };
    if (!TAG_NAME.test(name)) return { tags, error: `"${name}" is not a valid tag: use letters, digits and _ only.` };
    if (!tags.includes(name)) tags.push(name);
  }
  if (tags.length > MAX_TAGS) return { tags: tags.slice(0, MAX_TAGS), error: `At most ${MAX_TAGS} tags.` };
  return { tags };
}

/** Hashtags shared by posts and rooms. */
export class TagsService {
  constructor(private readonly repository: TagsRepository) {}

  /** The Tag rows for already-normalised `names`, in the same order, creating the missing ones (race-safe). */
  upsertTags(tx: Db, names: string[]): Promise<Tag[]> {
    return this.repository.upsert(tx, names);
  }

  /** Adds `delta` to the post count of each tag id (once per occurrence), in the caller's transaction. */
  adjustPostCounts(tx: Db, tagIds: string[], delta: number): Promise<void> {
    return this.repository.adjustPostCounts(tx, tagIds, delta);
  }

  /** Tags whose name starts with `prefix` (all when empty), most used first, then by name. */
  /** The staff console's list: names containing `text` (normalised like a tag; all when empty), most used first. */
  staffList(em: Db, text: string | null, page: PageInput): Promise<ConnectionShape<TagRecord>> {
    const name = text ? normaliseTag(text) : null;
    return paginate({
      ...page,
      cursorShape: ['number', 'string'],
      fetch: (limit, after) => {
        const [count, tagName] = after ?? [0, ''];
        if (after && !(Number.isInteger(count) && Math.abs(count as number) < 2 ** 31)) {
          throw badInput('The `after` cursor is not one this API gave out.', 'after');
        }
        return this.repository.staffPage(em, name || null, limit, after ? [count as number, tagName as string] : null);
      },
      keyOf: (tag) => [tag.postCount, tag.name],
      count: () => this.repository.staffCount(em, name || null),
    });
  }

  searchTags(em: Db, prefix: string, limit: number): Promise<TagRecord[]> {
    return this.repository.search(em, prefix, limit);
  }

  tagsByIds(em: Db, ids: readonly string[]): Promise<TagRecord[]> {
    return this.repository.findByIds(em, ids);
  }
}
