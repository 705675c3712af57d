import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QueueName } from '@hydrator/queues';
import { DatabaseGauges } from './database-gauges';
import { HydratorMetrics } from './hydrator-metrics';
import { MetricsController } from './metrics.controller';
import { QueueGauges } from './queue-gauges';

/**
 * Prometheus metrics for every service (imported by PlatformModule): `GET /metrics` and
 * {@link HydratorMetrics}, injectable anywhere to observe what happens.
 */
@Global()
@Module({
  imports: [BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })))],
  providers: [HydratorMetrics, DatabaseGauges, QueueGauges],
  controllers: [MetricsController],
  exports: [HydratorMetrics],
})
export class MetricsModule {}
