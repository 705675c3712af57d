import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';

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
export abstract class RecurringJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;

  protected constructor(
    private readonly queue: Queue,
    private readonly definition: RecurringJobDefinition,
  ) {}

  onApplicationBootstrap(): void {
    void this.assert();
    this.timer = setInterval(() => void this.assert(), REASSERT_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async assert(): Promise<void> {
    const { schedulerId, jobName, pattern, timezone } = this.definition;
    try {
      await this.queue.upsertJobScheduler(schedulerId, { pattern, tz: timezone }, { name: jobName, data: {}, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } });
    } catch (error) {
      this.logger.warn(`could not register ${schedulerId} (${pattern} in ${timezone}): ${(error as Error).message}`);
    }
  }
}
