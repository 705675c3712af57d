import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@hydrator/analytics';
import { StabilityResolver } from './stability.resolver';

/** The gateway's analytics queries (`stability`), kept in one module so the gateway registers them with one line. */
@Module({
  imports: [AnalyticsModule],
  providers: [StabilityResolver],
})
export class AnalyticsApiModule {}
