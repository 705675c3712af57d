import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ConnectionOptions, FlowProducer, QueueBase, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { closeRedisClient, createRedisClient, redisConnectionOptions } from './redis-connection';

/** Something BullMQ made on the shared connection that must close before it does. */
type Closable = { close(): Promise<unknown> };

/**
 * The Redis connection of the process's BullMQ queues and workers. On one Redis these are connection
 * options: BullMQ opens and closes its own connections. On a Redis Cluster BullMQ needs a cluster client
 * (it builds only single-node clients from options), so every queue and worker shares this one (each
 * worker adds a blocking client it duplicates from it and closes itself); BullMQ never closes a client
 * it was given, so this closes it at shutdown, once the queues and workers using it have closed.
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  readonly connection: ConnectionOptions;
  private readonly cluster?: Cluster;

  constructor(
    @Inject(HYDRATOR_CONFIG) config: HydratorConfig,
    private readonly discovery: DiscoveryService,
  ) {
    if (config.redisCluster) {
      this.cluster = createRedisClient(config, { connectionName: 'hydrator-bullmq' }) as Cluster;
      this.connection = this.cluster;
    } else {
      this.connection = redisConnectionOptions(config.redisUrl);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.cluster) return;
    // Closing is idempotent in BullMQ: whichever shutdown hook comes first, the others wait for the same close.
    await Promise.allSettled(this.bullmqUsers().map((user) => user.close()));
    await closeRedisClient(this.cluster);
  }

  private bullmqUsers(): Closable[] {
    return this.discovery.getProviders().flatMap(({ instance }: { instance: unknown }): Closable[] => {
      if (instance instanceof QueueBase || instance instanceof FlowProducer) return [instance];
      if (instance instanceof WorkerHost) {
        try {
          return [(instance as WorkerHost<Worker>).worker];
        } catch {
          return []; // never registered: no worker to close
        }
      }
      return [];
    });
  }
}
