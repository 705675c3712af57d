import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { QueueConnection } from './queue-connection';

@Module({ imports: [DiscoveryModule], providers: [QueueConnection], exports: [QueueConnection] })
class QueueConnectionModule {}

/**
 * The BullMQ connection shared by every queue of the process (one Redis or a Redis Cluster, see
 * {@link QueueConnection}), with Hydrator's key prefix: its `{hash tag}` keeps each queue's keys in one slot.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [HYDRATOR_CONFIG, QueueConnection],
      useFactory: (config: HydratorConfig, queues: QueueConnection) => ({ connection: queues.connection, prefix: config.redisPrefix }),
    }),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
