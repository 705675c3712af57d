import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { redisConnectionOptions } from './redis-connection';

/** The BullMQ connection shared by every queue of the process, with Hydrator's key prefix. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [HYDRATOR_CONFIG],
      useFactory: (config: HydratorConfig) => ({
        connection: redisConnectionOptions(config.redisUrl),
        prefix: config.redisPrefix,
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
