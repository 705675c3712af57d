import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { RecurringJob } from '@hydrator/platform';
import { ROLLOUTS_QUEUE, RolloutsJob, RUN_CRON_SCHEDULER } from '@hydrator/queues';

/** RUN_CRON (Wednesday 09:00 by default) in HYDRATOR_TIMEZONE: runs the current rollout. */
@Injectable()
export class RunCronService extends RecurringJob {
  constructor(@InjectQueue(ROLLOUTS_QUEUE) queue: Queue, @Inject(HYDRATOR_CONFIG) config: HydratorConfig) {
    super(queue, { schedulerId: RUN_CRON_SCHEDULER, jobName: RolloutsJob.RunCurrentRollout, pattern: config.runCron, timezone: config.timezone });
  }
}
