import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

export function ormOptions(clientUrl: string, extra: Partial<Options> = {}): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    // Explicit column types on every property: the runtime (tsx/esbuild) emits no decorator metadata.
    discovery: { requireEntitiesArray: true },
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true, tableName: 'mikro_orm_migrations' },
    pool: { min: 0, max: 20 },
    debug: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ...extra,
  };
}

export async function createOrm(clientUrl: string, extra: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, extra));
}

export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

export { MikroORM };
