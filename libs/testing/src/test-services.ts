import Redis from 'ioredis';
import { Client } from 'pg';

/** The machine's PostgreSQL and Redis; tests create their own database and key prefix on them. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Names of the per-run database; the pid in it lets a later run drop what a killed run left behind. */
export const TEST_DATABASE_PREFIX = 'hydrator_test_';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(client: Client, name: string): Promise<void> {
  await client.query(`drop database if exists "${name}" with (force)`);
}

/**
 * Deletes every Redis key under `prefix:` (a test run's queues), in batches. Given a prefix without a
 * hash tag (a run's or a benchmark's), it also deletes the keys of every prefix made from it, which
 * HYDRATOR_REDIS_PREFIX wraps in braces: `{<prefix>-…}:`, `{<prefix>:…}:` and `{<prefix>}:`.
 */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const patterns = prefix.includes('{') ? [`${prefix}:*`] : [`${prefix}:*`, `{${prefix}[-:}]*`];
  try {
    for (const pattern of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}
