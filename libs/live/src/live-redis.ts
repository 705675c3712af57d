import { Logger } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { HydratorConfig } from '@hydrator/config';
import { redisConnectionOptions } from '@hydrator/queues';

/**
 * A Redis connection of the change feed, opened on first use. An outage is logged once when it starts
 * and once when it ends, not at every reconnection attempt; ioredis reconnects (and resubscribes) by itself.
 */
export function liveRedis(config: HydratorConfig, role: string, logger: Logger, options: RedisOptions = {}): Redis {
  const redis = new Redis({ ...redisConnectionOptions(config.redisUrl), lazyConnect: true, connectionName: `hydrator-live-${role}`, ...options });
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
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'wait' || redis.status === 'end') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
