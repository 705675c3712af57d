import { Logger } from '@nestjs/common';
import { RedisOptions } from 'ioredis';
import { HydratorConfig } from '@hydrator/config';
import { closeRedisClient, createRedisClient, RedisClient } from '@hydrator/queues';

/**
 * A Redis connection of the change feed, opened on first use: to one Redis, or a Redis Cluster client
 * (`REDIS_CLUSTER_NODES`; a classic PUBLISH reaches the subscribers of every node). An outage is logged
 * once when it starts and once when it ends, not at every reconnection attempt; ioredis reconnects (and
 * resubscribes, on another node of a cluster when its node fails) by itself.
 */
export function liveRedis(config: HydratorConfig, role: string, logger: Logger, options: RedisOptions = {}): RedisClient {
  const redis = createRedisClient(config, { lazyConnect: true, connectionName: `hydrator-live-${role}`, ...options });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn(`live ${role}: Redis is unreachable (${error.message}); live updates resume when it answers`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log(`live ${role}: Redis answers again`);
    down = false;
  });
  return redis;
}

/** Closes a connection whatever state it is in; never throws. */
export const closeRedis = closeRedisClient;
