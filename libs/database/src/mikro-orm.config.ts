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
    // Enough for every queue worker of an all-in-one process (runner 8, registry 8, notifier 4) plus the API:
    // a deployment execution holds its row lock (and connection) across its Jenkins calls.
    pool: { min: 0, max: 30 },
    debug: false,
    // Migrations report through our own logs (migrate.ts), not the ORM's console output.
    logger: () => undefined,
    ...overrides,
  });
}
