import type { AccessScope, Role } from '../../kernel/actor.js';
import { jsonList, sql, type Db } from '../../kernel/db.js';
import { toRecord } from '../../kernel/rows.js';

/** One personal access token as lists and payloads show it (never its hash). */
export interface AccessTokenRecord {
  __typename: 'AccessToken';
  id: string;
  userId: string;
  name: string;
  scopes: AccessScope[];
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/** What authenticating with a secret needs: the token and the state of its user. */
export interface TokenCredentialRow {
  id: string;
  user_id: string;
  scopes: AccessScope[];
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  role: Role;
  suspended_at: Date | string | null;
  suspended_until: Date | string | null;
}

const COLUMNS = 'id, user_id, name, scopes, prefix, created_at, expires_at, last_used_at';
const toAccessToken = toRecord<AccessTokenRecord>('AccessToken');

/** Every statement on the access_tokens table. */
export class AccessTokensRepository {
  async insert(
    tx: Db,
    row: { userId: string; name: string; scopes: AccessScope[]; hash: string; prefix: string; expiresAt: Date | null },
  ): Promise<AccessTokenRecord> {
    const rows = await sql<Record<string, unknown>>(
      tx,
      `insert into access_tokens (id, user_id, name, scopes, hash, prefix, created_at, expires_at)
       values (gen_random_uuid(), ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, now(), ?)
       returning ${COLUMNS}`,
      [row.userId, row.name, jsonList(row.scopes), row.hash, row.prefix, row.expiresAt],
    );
    return toAccessToken(rows[0]!);
  }

  /** The user's tokens that are not revoked (expired ones included, so the owner sees them end), newest first. */
  async listOfUser(em: Db, userId: string): Promise<AccessTokenRecord[]> {
    const rows = await sql<Record<string, unknown>>(
      em,
      `select ${COLUMNS} from access_tokens where user_id = ? and revoked_at is null order by created_at desc, id`,
      [userId],
    );
    return rows.map(toAccessToken);
  }

  /** The user's tokens by id that are not revoked (the `node` loader); others' are never returned. */
  async byIdsOfUser(em: Db, userId: string, ids: readonly string[]): Promise<AccessTokenRecord[]> {
    const rows = await sql<Record<string, unknown>>(
      em,
      `select ${COLUMNS} from access_tokens where user_id = ? and revoked_at is null and id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
      [userId, jsonList(ids)],
    );
    return rows.map(toAccessToken);
  }

  /** How many tokens the user holds that still work (not revoked, not expired). */
  async countUsable(tx: Db, userId: string): Promise<number> {
    const rows = await sql<{ n: number }>(
      tx,
      'select count(*)::int as n from access_tokens where user_id = ? and revoked_at is null and (expires_at is null or expires_at > now())',
      [userId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Revokes the user's token; the revoked token, or null when there is no such usable token of theirs. */
  async revoke(tx: Db, userId: string, id: string): Promise<AccessTokenRecord | null> {
    const rows = await sql<Record<string, unknown>>(
      tx,
      `update access_tokens set revoked_at = now() where id = ? and user_id = ? and revoked_at is null returning ${COLUMNS}`,
      [id, userId],
    );
    return rows[0] ? toAccessToken(rows[0]) : null;
  }

  /** The unrevoked token with this hash and its user's role and suspension; null when there is none. */
  async credential(em: Db, hash: string): Promise<TokenCredentialRow | null> {
    const rows = await sql<TokenCredentialRow>(
      em,
      `select t.id, t.user_id, t.scopes, t.expires_at, t.last_used_at, u.role, u.suspended_at, u.suspended_until
         from access_tokens t join users u on u.id = t.user_id
        where t.hash = ? and t.revoked_at is null`,
      [hash],
    );
    return rows[0] ?? null;
  }

  /** Records a use; skipped by the database when the last one is less than a minute old (concurrent requests). */
  async touch(em: Db, id: string): Promise<void> {
    await em.execute(
      `update access_tokens set last_used_at = now()
        where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
