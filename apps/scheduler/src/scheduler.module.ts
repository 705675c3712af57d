import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { SCHEDULING_QUEUE } from '@hydrator/queues';
import { SchedulingCoreModule } from '@hydrator/scheduling';
import { ScheduleCronService } from './schedule-cron.service';
import { SchedulingProcessor } from './scheduling.processor';

/** The scheduler service: plans the weekly rollout on SCHEDULE_CRON (the weekly plan: docs/weekly-cycle.md). */
@Module({
  imports: [SchedulingCoreModule, BullModule.registerQueue({ name: SCHEDULING_QUEUE })],
  providers: [ScheduleCronService, SchedulingProcessor],
})
export class SchedulerModule {}
