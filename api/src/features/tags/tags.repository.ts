import { jsonList, sql, type Db } from '../../kernel/db.js';
import { Tag } from './tags.entity.js';
import { toTag, type TagRecord } from './tags.records.js';

/** Every statement on the tags table. */
export class TagsRepository {
  async findByIds(em: Db, ids: readonly string[]): Promise<TagRecord[]> {
    const rows = await sql<Record<string, unknown>>(em, 'select * from tags where id in (?)', [[...ids]]);
    return rows.map(toTag);
  }

  /**
   * The Tag rows for already-normalised `names`, in the same order, creating the missing ones.
   * Race-safe: concurrent creators of the same name both end up with the one row.
   */
  async upsert(tx: Db, names: string[]): Promise<Tag[]> {
    if (!names.length) return [];
    // tx.execute (not getConnection().execute): the statements must run inside the caller's transaction.
    await tx.execute(
      `insert into tags (id, name, post_count, created_at)
         select gen_random_uuid(), n, 0, now() from jsonb_array_elements_text(?::jsonb) as n
       on conflict (name) do nothing`,
      [jsonList(names)],
    );
    const rows = await sql<Record<string, unknown>>(tx, 'select * from tags where name in (select jsonb_array_elements_text(?::jsonb))', [
      jsonList(names),
    ]);
    const byName = new Map(rows.map((row) => [row.name as string, tx.map(Tag, row)]));
    return names.map((name) => byName.get(name)!).filter(Boolean);
  }

  /** Adds `delta` to the post count of each tag id (once per occurrence). */
  async adjustPostCounts(tx: Db, tagIds: string[], delta: number): Promise<void> {
    if (!tagIds.length || !delta) return;
    await tx.execute(
      `update tags t set post_count = greatest(t.post_count + d.n * ?, 0)
         from (select id::uuid, count(*)::int as n from jsonb_array_elements_text(?::jsonb) as id group by id) d where t.id = d.id`,
      [delta, jsonList(tagIds)],
    );
  }

  /** Tags whose name starts with `prefix` (all when empty), most used first, then by name. */
  async search(em: Db, prefix: string, limit: number): Promise<TagRecord[]> {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await sql<Record<string, unknown>>(
      em,
      `select * from tags where (?::text = '' or name like ?) order by post_count desc, name limit ?`,
      [prefix, pattern, limit],
    );
    return rows.map(toTag);
  }

  /** The staff console's tags whose name contains `text` (all when null), most used first, then by name. */
  async staffPage(em: Db, text: string | null, limit: number, after: [number, string] | null): Promise<TagRecord[]> {
    const rows = await sql<Record<string, unknown>>(
      em,
      `select * from tags where (?::text is null or name like ?)
          and (?::int is null or post_count < ? or (post_count = ? and name > ?))
        order by post_count desc, name limit ?`,
      [text, containsLike(text), after?.[0] ?? null, after?.[0] ?? null, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    return rows.map(toTag);
  }

  async staffCount(em: Db, text: string | null): Promise<number> {
    const [row] = await sql<{ n: number }>(em, 'select count(*)::int as n from tags where (?::text is null or name like ?)', [
      text,
      containsLike(text),
    ]);
    return row.n;
  }
}

const containsLike = (text: string | null) => (text === null ? null : `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

/** SQL predicate (with `?` params): the tag of id column `col` has a name `like` the pattern (for other features' searches). */
export function tagNameLikeSql(col: string, pattern: string): { sql: string; params: unknown[] } {
  return { sql: `exists (select 1 from tags _tn where _tn.id = ${col} and _tn.name like ?)`, params: [pattern] };
}
