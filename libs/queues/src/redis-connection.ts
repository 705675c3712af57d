import Redis, { Cluster, RedisOptions } from 'ioredis';
import type { HydratorConfig } from '@hydrator/config';

/** A connection to Hydrator's Redis: one Redis (`REDIS_URL`) or a Redis Cluster client (`REDIS_CLUSTER_NODES`). */
export type RedisClient = Redis | Cluster;

/** What a connection needs from the configuration. */
export type RedisTarget = Pick<HydratorConfig, 'redisUrl' | 'redisCluster'>;

/**
 * ioredis options from `REDIS_URL`, honouring a database index in the path (`redis://host:6379/2`)
 * and a password. `maxRetriesPerRequest: null` is what BullMQ workers require.
 */
export function redisConnectionOptions(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * A new connection to Hydrator's Redis with `options` on top of the configured ones. On a cluster they
 * apply to the connection of every node, except `lazyConnect` and `enableOfflineQueue`, which apply to
 * the cluster client. A cluster client learns the slots from the seed nodes, follows MOVED/ASK and
 * failovers, and is ready once `CLUSTER INFO` says `cluster_state:ok`; PUBLISH and SUBSCRIBE on it work
 * cluster-wide (Redis forwards a classic PUBLISH to every node).
 */
export function createRedisClient(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  if (!target.redisCluster) return new Redis({ ...redisConnectionOptions(target.redisUrl), ...options });
  const { nodes, username, password, tls } = target.redisCluster;
  const { lazyConnect, enableOfflineQueue, ...nodeOptions } = options;
  return new Cluster(nodes, {
    redisOptions: { username, password, tls: tls ? {} : undefined, maxRetriesPerRequest: null, ...nodeOptions },
    lazyConnect,
    enableOfflineQueue,
    enableReadyCheck: true,
    // With TLS, connect to the names the nodes announce: certificates name hosts, not the addresses they resolve to.
    dnsLookup: tls ? (address, callback) => callback(null, address) : undefined,
  });
}

/** Closes a connection whatever state it is in; never throws. */
export async function closeRedisClient(redis: RedisClient): Promise<void> {
  if (redis.status === 'wait' || redis.status === 'end') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
