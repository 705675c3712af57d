import Redis, { Cluster } from 'ioredis';
import { closeRedisClient, createRedisClient } from './redis-connection';

describe('createRedisClient', () => {
  it('connects to the one Redis of REDIS_URL, with its database, credentials and TLS', async () => {
    const redis = createRedisClient({ redisUrl: 'rediss://u:p%40ss@redis.internal:6380/2' }, { lazyConnect: true });
    expect(redis).toBeInstanceOf(Redis);
    expect((redis as Redis).options).toMatchObject({ host: 'redis.internal', port: 6380, db: 2, username: 'u', password: 'p@ss', tls: {}, maxRetriesPerRequest: null, lazyConnect: true });
    await closeRedisClient(redis);
  });

  it('is a cluster client of REDIS_CLUSTER_NODES: credentials, TLS and the options on every node, BullMQ-ready', async () => {
    const redisCluster = {
      nodes: [
        { host: 'a', port: 7000 },
        { host: 'b', port: 7001 },
      ],
      username: 'u',
      password: 'p',
      tls: true,
    };
    const cluster = createRedisClient({ redisUrl: 'redis://ignored:6379', redisCluster }, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'probe' });
    expect(cluster).toBeInstanceOf(Cluster);
    const { options } = cluster as Cluster;
    expect(options).toMatchObject({ lazyConnect: true, enableOfflineQueue: false, enableReadyCheck: true });
    expect(options.redisOptions).toMatchObject({ username: 'u', password: 'p', tls: {}, maxRetriesPerRequest: 1, connectionName: 'probe' });
    expect(cluster.status).toBe('wait');
    await closeRedisClient(cluster);
    expect((createRedisClient({ redisUrl: '', redisCluster: { ...redisCluster, tls: false } }, { lazyConnect: true }) as Cluster).options.redisOptions).toMatchObject({
      maxRetriesPerRequest: null,
      tls: undefined,
    });
  });
});
