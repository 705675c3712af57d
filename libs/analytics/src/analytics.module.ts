import { Module } from '@nestjs/common';
import { RegistryCoreModule } from '@hydrator/registry';
import { StabilityService } from './stability.service';

/** Deployment analytics over the SQL views Metabase reads too. */
@Module({
  imports: [RegistryCoreModule],
  providers: [StabilityService],
  exports: [StabilityService],
})
export class AnalyticsModule {}
