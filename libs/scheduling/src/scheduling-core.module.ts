import { Module } from '@nestjs/common';
import { AuditService } from '@hydrator/audit';
import { LiveModule } from '@hydrator/live';
import { NotifierCoreModule } from '@hydrator/notifier';
import { RolloutReader } from './rollout-reader.service';
import { ScheduleInputsLoader } from './schedule-inputs.loader';
import { ScheduleService } from './schedule.service';
import { ShortlogService } from './shortlog.service';

/** Weekly planning, shared by the gateway (mutation, REST trigger, preview) and the scheduler service (cron). */
@Module({
  imports: [NotifierCoreModule, LiveModule],
  providers: [ScheduleService, ScheduleInputsLoader, ShortlogService, AuditService, RolloutReader],
  exports: [ScheduleService, ShortlogService, RolloutReader],
})
export class SchedulingCoreModule {}
