import { Queue } from 'bullmq';
import { PeriodicTask } from './periodic-task';

/** Re-asserting a schedule this often restores it after Redis lost its data. */
const REASSERT_EVERY_MS = 60_000;

export interface RecurringJobDefinition {
  /** Job scheduler id: every replica upserts the same one, so there is one schedule however many run. */
  schedulerId: string;
  jobName: string;
  /** Cron pattern and IANA zone it is read in. */
  pattern: string;
  timezone: string;
}

/**
 * Keeps a BullMQ job scheduler (a cron job) registered: upserted at startup and every minute, so a
 * Redis flush loses at most one minute of schedule. What the job does must be idempotent: planning and
 * running are, per week and per rollout.
 */
export abstract class RecurringJob extends PeriodicTask {
  protected constructor(
    private readonly queue: Queue,
    private readonly definition: RecurringJobDefinition,
  ) {
    super(REASSERT_EVERY_MS);
  }

  protected async run(): Promise<void> {
    const { schedulerId, jobName, pattern, timezone } = this.definition;
    await this.queue.upsertJobScheduler(schedulerId, { pattern, tz: timezone }, { name: jobName, data: {}, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } });
  }
}
