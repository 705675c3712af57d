import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { RecurringJob } from '@hydrator/platform';
import { SCHEDULING_QUEUE, SchedulingCron, SchedulingJob } from '@hydrator/queues';

/** SCHEDULE_CRON (Monday 09:00 by default) in HYDRATOR_TIMEZONE: plans the week. */
@Injectable()
export class ScheduleCronService extends RecurringJob {
  constructor(@InjectQueue(SCHEDULING_QUEUE) queue: Queue, @Inject(HYDRATOR_CONFIG) config: HydratorConfig) {
    super(queue, { schedulerId: SchedulingCron.WeeklySchedule, jobName: SchedulingJob.ScheduleRollout, pattern: config.scheduleCron, timezone: config.timezone });
  }
}
