import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { SYSTEM_ACTOR } from '@hydrator/audit';
import { SCHEDULING_QUEUE, SchedulingJob } from '@hydrator/queues';
import { ScheduleService } from '@hydrator/scheduling';
import { LoggedWorkerHost } from '@hydrator/platform';

/** Consumer of the `scheduling` queue's cron jobs: plans the week (idempotent, so a duplicate tick is harmless). */
@Processor(SCHEDULING_QUEUE)
export class SchedulingProcessor extends LoggedWorkerHost {
  constructor(private readonly scheduling: ScheduleService) {
    super();
  }

  async process(job: Job<Record<string, never>, unknown, SchedulingJob>): Promise<{ rolloutId: string; created: boolean }> {
    switch (job.name) {
      case SchedulingJob.ScheduleRollout: {
        const { rollout, created } = await this.scheduling.schedule(SYSTEM_ACTOR);
        this.logger.log(`${created ? 'planned' : 'already planned'}: rollout ${rollout.weekOf} (${rollout.id})`);
        return { rolloutId: rollout.id, created };
      }
      default:
        throw new UnrecoverableError(`unknown job ${(job as Job).name} on ${SCHEDULING_QUEUE}`);
    }
  }
}
