import { sql, type Db } from '../../kernel/db.js';
import { keysetSql } from '../../kernel/pagination.js';
import { toRecord } from '../../kernel/rows.js';
import { containsPattern, removedHiddenSql } from '../accounts/index.js';
import { hiddenPersonSql } from './post-filters.repository.js';

/** A comment; `parentId` is the top-level comment a reply belongs to (replies are one level deep). */
export interface CommentRecord {
  id: string;
  postId: string;
  authorId: string;
  parentId: string | null;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  /** When staff removed it (`Comment.removedAt` shows it to staff only). */
  removedAt?: Date | null;
}
const toComment = toRecord<CommentRecord>('Comment');

/** Top-level comments of a post, or the replies of one comment. */
export type CommentsOf = { postId: string } | { parentId: string };

/** The staff console's filter: every comment (removed ones and hidden authors' included). */
export interface StaffCommentsFilter {
  /** Lower-case text searched in the body and the author's username or display name. */
  text: string | null;
  status: 'VISIBLE' | 'REMOVED' | null;
  authorId: string | null;
  postId: string | null;
}

function staffWhere(filter: StaffCommentsFilter): { sql: string; params: unknown[] } {
  const parts = ['true'];
  const params: unknown[] = [];
  if (filter.status) parts.push(filter.status === 'REMOVED' ? 'c.removed_at is not null' : 'c.removed_at is null');
  if (filter.authorId) {
    parts.push('c.author_id = ?');
    params.push(filter.authorId);
  }
  if (filter.postId) {
    parts.push('c.post_id = ?');
    params.push(filter.postId);
  }
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    parts.push(`(lower(c.body) like ? or exists (select 1 from users _au where _au.id = c.author_id
      and (lower(_au.username) like ? or lower(_au.display_name) like ?)))`);
    params.push(pattern, pattern, pattern);
  }
  return { sql: parts.join(' and '), params };
}

export interface CommentParentRow {
  id: string;
  authorId: string;
  parentId: string | null;
}

export interface CommentOwnersRow {
  id: string;
  authorId: string;
  postAuthorId: string;
}

const scopeOf = (of: CommentsOf) =>
  'postId' in of ? { sql: 'c.post_id = ? and c.parent_id is null', id: of.postId } : { sql: 'c.parent_id = ?', id: of.parentId };

export class CommentsRepository {
  /** Comments by id; those removed by staff only for staff (`viewerId` undefined: all, for writes that checked already). */
  async byIds(em: Db, ids: readonly string[], viewerId?: string | null): Promise<CommentRecord[]> {
    const removed = viewerId === undefined ? { sql: 'false', params: [] } : removedHiddenSql('c', viewerId);
    const rows = await sql<Record<string, unknown>>(em, `select c.* from comments c where c.id in (?) and not ${removed.sql}`, [
      [...ids],
      ...removed.params,
    ]);
    return rows.map(toComment);
  }

  /** Sets or clears (`by` null) the staff removal of a comment; its post and author, or null when there is no such comment. */
  async setRemoved(tx: Db, id: string, by: string | null): Promise<{ postId: string; authorId: string } | null> {
    const [row] = await sql<{ postId: string; authorId: string }>(
      tx,
      `update comments set removed_at = case when ?::uuid is null then null else now() end, removed_by_id = ? where id = ?
        returning post_id as "postId", author_id as "authorId"`,
      [by, by, id],
    );
    return row ?? null;
  }

  /** Oldest first, comments of users blocked either way hidden. */
  async page(em: Db, viewerId: string | null, of: CommentsOf, limit: number, after: (string | number)[] | null): Promise<CommentRecord[]> {
    const hidden = hiddenPersonSql('c.author_id', viewerId);
    const removed = removedHiddenSql('c', viewerId);
    const scope = scopeOf(of);
    const key = keysetSql('c', after, 'asc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select c.* from comments c where ${scope.sql} and not (${hidden.sql}) and not ${removed.sql} and ${key.sql} order by c.created_at, c.id limit ?`,
      [scope.id, ...hidden.params, ...removed.params, ...key.params, limit],
    );
    return rows.map(toComment);
  }

  /** The staff console's list, newest first, keyset on (created_at, id). */
  async staffPage(em: Db, filter: StaffCommentsFilter, limit: number, after: (string | number)[] | null): Promise<CommentRecord[]> {
    const where = staffWhere(filter);
    const key = keysetSql('c', after, 'desc');
    const rows = await sql<Record<string, unknown>>(
      em,
      `select c.* from comments c where ${where.sql} and ${key.sql} order by c.created_at desc, c.id desc limit ?`,
      [...where.params, ...key.params, limit],
    );
    return rows.map(toComment);
  }

  async staffCount(em: Db, filter: StaffCommentsFilter): Promise<number> {
    const where = staffWhere(filter);
    return (await sql<{ n: number }>(em, `select count(*)::int as n from comments c where ${where.sql}`, where.params))[0].n;
  }

  async count(em: Db, viewerId: string | null, of: CommentsOf): Promise<number> {
    const hidden = hiddenPersonSql('c.author_id', viewerId);
    const removed = removedHiddenSql('c', viewerId);
    const scope = scopeOf(of);
    return (
      await sql<{ n: number }>(
        em,
        `select count(*)::int as n from comments c where ${scope.sql} and not (${hidden.sql}) and not ${removed.sql}`,
        [scope.id, ...hidden.params, ...removed.params],
      )
    )[0].n;
  }

  /** Replies of each top-level comment (comments without replies left out). */
  replyCounts(em: Db, viewerId: string | null, parentIds: readonly string[]): Promise<{ parentId: string; n: number }[]> {
    const removed = removedHiddenSql('c', viewerId);
    return sql(
      em,
      `select c.parent_id as "parentId", count(*)::int as n from comments c where c.parent_id in (?) and not ${removed.sql} group by c.parent_id`,
      [[...parentIds], ...removed.params],
    );
  }

  /** The comment `id` of post `postId` that a reply answers. */
  async parentIn(tx: Db, id: string, postId: string): Promise<CommentParentRow | null> {
    const [row] = await sql<CommentParentRow>(
      tx,
      'select id, author_id as "authorId", parent_id as "parentId" from comments where id = ? and post_id = ? and removed_at is null',
      [id, postId],
    );
    return row ?? null;
  }

  async insert(tx: Db, comment: { postId: string; authorId: string; parentId: string | null; body: string }): Promise<CommentRecord> {
    const now = new Date();
    const [row] = await sql<Record<string, unknown>>(
      tx,
      `insert into comments (id, post_id, author_id, parent_id, body, created_at, updated_at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?) returning *`,
      [comment.postId, comment.authorId, comment.parentId, comment.body, now, now],
    );
    return toComment(row);
  }

  async byId(tx: Db, id: string): Promise<CommentRecord | null> {
    return (await this.byIds(tx, [id], null))[0] ?? null;
  }

  async updateBody(tx: Db, id: string, body: string): Promise<CommentRecord> {
    const [row] = await sql<Record<string, unknown>>(tx, 'update comments set body = ?, updated_at = ? where id = ? returning *', [
      body,
      new Date(),
      id,
    ]);
    return toComment(row);
  }

  /** The comment with who may delete it (its author, the post's author). */
  async owners(tx: Db, id: string): Promise<CommentOwnersRow | null> {
    const [row] = await sql<CommentOwnersRow>(
      tx,
      'select c.id, c.author_id as "authorId", p.author_id as "postAuthorId" from comments c join posts p on p.id = c.post_id where c.id = ?',
      [id],
    );
    return row ?? null;
  }

  /** The comment and its replies. */
  async withReplyIds(tx: Db, id: string): Promise<string[]> {
    return (await sql<{ id: string }>(tx, 'select id from comments where id = ? or parent_id = ?', [id, id])).map((r) => r.id);
  }

  /** Deletes the comment; its replies go with it (foreign key). */
  async delete(tx: Db, id: string): Promise<void> {
    await sql(tx, 'delete from comments where id = ?', [id]);
  }
}
