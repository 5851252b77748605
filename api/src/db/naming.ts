import { UnderscoreNamingStrategy } from '@mikro-orm/core';

/**
 * Default constraint and index names as PostgreSQL itself picks them (`users_pkey`,
 * `sessions_user_id_fkey`, `calls_room_id_key`, `media_kind_check`, `x_y_idx`), so the
 * hand-written migrations, whose inline `references`/`unique`/`check` got those names,
 * and the entities agree without naming every foreign key. Anything else is named in the entity.
 */
export class PostgresNamingStrategy extends UnderscoreNamingStrategy {
  /** `Migration20261126000000Accounts`: the committed migrations' style (no underscore before the name). */
  override classToMigrationName(timestamp: string, name?: string): string {
    return migrationName(timestamp, name);
  }

  override indexName(
    tableName: string,
    columns: string[],
    type: 'primary' | 'foreign' | 'unique' | 'index' | 'sequence' | 'check',
  ): string {
    const suffix = { foreign: 'fkey', unique: 'key', index: 'idx' }[type as string] as string | undefined;
    if (!suffix) return super.indexName(tableName, columns, type);
    const table = tableName.includes('.') ? tableName.slice(tableName.indexOf('.') + 1) : tableName;
    return [table, ...columns.map((column) => column.replace(/\./g, '_')), suffix].join('_');
  }
}

export function migrationName(timestamp: string, name?: string): string {
  return `Migration${timestamp}${name ?? ''}`;
}
