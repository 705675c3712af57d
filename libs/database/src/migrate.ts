import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { mikroOrmOptions } from './mikro-orm.config';

/** Arbitrary constant shared by every Hydrator process: replicas starting together migrate one at a time. */
const MIGRATION_LOCK_KEY = 4_801_337;

/** Creates the database named in `databaseUrl` when the server does not have it yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL must name a database, e.g. postgres://postgres@127.0.0.1:5432/hydrator');
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await admin.query(`create database "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // 42P04: another replica created it between our check and our create.
        if (error.code !== '42P04') throw error;
      });
    }
  } finally {
    await admin.end();
  }
}

/**
 * Applies the committed migrations, holding a PostgreSQL advisory lock so that replicas starting
 * at the same moment never run them twice. Returns the names of the migrations it applied.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const orm = await MikroORM.init(mikroOrmOptions(databaseUrl, { pool: { min: 0, max: 2 } }));
    try {
      const applied = await orm.getMigrator().up();
      return applied.map((migration) => migration.name);
    } finally {
      await orm.close(true);
    }
  } finally {
    await lock.end();
  }
}

/** `npm run migration:up`: the Kubernetes Job / compose one-shot that migrates before services roll. */
if (require.main === module) {
  void (async () => {
    // Imported lazily so that importing this file for `runMigrations` never reads the environment.
    const { loadConfig } = await import('@hydrator/config');
    const applied = await runMigrations(loadConfig().databaseUrl);
    console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');
  })().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
