import { DynamicModule, Module, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ConfigModule, HydratorConfig } from '@hydrator/config';
import { DatabaseModule } from '@hydrator/database';
import { MetricsModule } from '@hydrator/metrics';
import { QueuesModule } from '@hydrator/queues';
import { HealthController } from './health.controller';

/**
 * The root of every Hydrator process: configuration, PostgreSQL, the BullMQ connection and health
 * endpoints, plus the service modules this process runs (one for a deployable, all for `npm start`).
 */
@Module({})
export class PlatformModule {
  static forRoot(config: HydratorConfig, services: Array<Type | DynamicModule>): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, QueuesModule, MetricsModule, TerminusModule, ...services],
      controllers: [HealthController],
    };
  }
}
