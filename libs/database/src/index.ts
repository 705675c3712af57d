export * from './entities';
export * from './mikro-orm.config';
export * from './database.module';
export { ensureDatabase, runMigrations } from './migrate';
