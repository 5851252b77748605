import type { EntityManager } from '@mikro-orm/postgresql';
import { toTag, type TagRecord } from './tags.records.js';
import { Tag } from './tags.entity.js';

export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;
/** Letters of any script (Hangul included), combining marks, digits and '_'. */
const TAG_NAME = /^[\p{L}\p{M}\p{N}_]+$/u;

/** One tag name as stored: NFC, trimmed, without leading '#', lower-case; '' when nothing is left. */
export function normaliseTag(raw: string): string {
  return String(raw ?? '').normalize('NFC').trim().replace(/^#+/, '').trim().toLowerCase();
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

/**
 * The Tag rows for already-normalised `names`, in the same order, creating the missing ones.
 * Race-safe: concurrent creators of the same name both end up with the one row.
 */
export async function upsertTags(tx: EntityManager, names: string[]): Promise<Tag[]> {
  if (!names.length) return [];
  // tx.execute (not getConnection().execute): the statements must run inside the caller's transaction.
  await tx.execute(
    `insert into tags (id, name, post_count, created_at)
       select gen_random_uuid(), n, 0, now() from jsonb_array_elements_text(?::jsonb) as n
     on conflict (name) do nothing`, [JSON.stringify(names)]);
  const rows = await tx.execute('select * from tags where name in (select jsonb_array_elements_text(?::jsonb))', [JSON.stringify(names)]);
  const byName = new Map(rows.map((row: Record<string, unknown>) => [row.name as string, tx.map(Tag, row)]));
  return names.map((name) => byName.get(name)!).filter(Boolean);
}

/** Adds `delta` to the post count of each tag id (once per occurrence). */
export async function adjustPostCounts(tx: EntityManager, tagIds: string[], delta: number): Promise<void> {
  if (!tagIds.length || !delta) return;
  await tx.execute(
    `update tags t set post_count = greatest(t.post_count + d.n * ?, 0)
       from (select id::uuid, count(*)::int as n from jsonb_array_elements_text(?::jsonb) as id group by id) d where t.id = d.id`,
    [delta, JSON.stringify(tagIds)]);
}

/** Tags whose name starts with `prefix` (all when empty), most used first, then by name. */
export async function searchTags(em: EntityManager, prefix: string, limit: number): Promise<TagRecord[]> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await em.execute(
    `select * from tags where (?::text = '' or name like ?) order by post_count desc, name limit ?`, [prefix, pattern, limit]);
  return rows.map(toTag);
}

/** The tags feature's service: what other features (posts) call, constructor-injected. */
export class TagsService {
  upsertTags(tx: EntityManager, names: string[]): Promise<Tag[]> {
    return upsertTags(tx, names);
  }

  adjustPostCounts(tx: EntityManager, tagIds: string[], delta: number): Promise<void> {
    return adjustPostCounts(tx, tagIds, delta);
  }

  searchTags(em: EntityManager, prefix: string, limit: number): Promise<TagRecord[]> {
    return searchTags(em, prefix, limit);
  }
}
