import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The one MikroORM configuration, for the app and the migration runner alike. Schema changes only
 * ever come from the committed migrations in `migrations/`: there is no schema sync at runtime.
 */
export function mikroOrmOptions(databaseUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities: ENTITIES,
    discovery: { disableDynamicFileAccess: true },
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, tableName: 'mikro_orm_migrations' },
    forceUtcTimezone: true,
    // Entity metadata comes from explicit decorator options, never from reflection at runtime.
    ensureDatabase: false,
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    debug: false,
    // Migrations report through our own logs (migrate.ts), not the ORM's console output.
    logger: () => undefined,
    ...overrides,
  });
}
