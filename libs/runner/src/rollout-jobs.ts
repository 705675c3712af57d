import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { advanceJobOptions, checkJobOptions, enqueueBestEffort, executeJobOptions, ROLLOUTS_QUEUE, RolloutsJob, RolloutsPayloads } from '@hydrator/queues';

export type RolloutsQueue = Queue<RolloutsPayloads[RolloutsJob], unknown, RolloutsJob>;

/**
 * The typed producer of the `rollouts` queue. Every method is called after the PostgreSQL commit it
 * follows from, and never throws: what it fails to enqueue, the runner's reconciler finds in PostgreSQL.
 */
@Injectable()
export class RolloutJobs {
  private readonly logger = new Logger(RolloutJobs.name);

  constructor(@InjectQueue(ROLLOUTS_QUEUE) private readonly queue: RolloutsQueue) {}

  advance(rolloutId: string): Promise<void> {
    return this.add(RolloutsJob.AdvanceRollout, { rolloutId }, advanceJobOptions());
  }

  execute(deploymentId: string, attempt: number): Promise<void> {
    return this.add(RolloutsJob.ExecuteDeployment, { deploymentId, attempt }, executeJobOptions(deploymentId, attempt));
  }

  /**
   * For the reconciler, an attempt still QUEUED: its execution, added again — and taken out of the failed
   * set if it is there (BullMQ fails a job whose runners died under it more often than `maxStalledCount`;
   * kept under the attempt's job id, it would swallow every later add and leave the attempt QUEUED for ever).
   */
  async reviveExecution(deploymentId: string, attempt: number): Promise<void> {
    await this.execute(deploymentId, attempt);
    const error = await enqueueBestEffort(async () => {
      const job = await this.queue.getJob(executeJobOptions(deploymentId, attempt).jobId!);
      if (job && (await job.isFailed())) {
        await job.retry('failed');
        this.logger.warn(`execution of deployment ${deploymentId} attempt ${attempt} had failed in the queue (${job.failedReason}); retried`);
      }
    });
    if (error) this.logger.warn(`could not look at the execution of deployment ${deploymentId} attempt ${attempt} (${error.message}); next pass`);
  }

  /** A check now (`slot` unique, e.g. a report id) or in a polling slot after `delayMs`. */
  check(deploymentId: string, attempt: number, slot: string | number, delayMs = 0): Promise<void> {
    return this.add(RolloutsJob.CheckDeployment, { deploymentId, attempt }, checkJobOptions(deploymentId, attempt, slot, delayMs));
  }

  private async add<Name extends RolloutsJob>(name: Name, data: RolloutsPayloads[Name], options: ReturnType<typeof advanceJobOptions>): Promise<void> {
    const error = await enqueueBestEffort(() => this.queue.add(name, data, options));
    if (error) this.logger.warn(`could not enqueue ${name} ${JSON.stringify(data)} (${error.message}); the reconciler will`);
  }
}
