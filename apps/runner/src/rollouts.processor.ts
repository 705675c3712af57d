import { CreateRequestContext, MikroORM } from '@mikro-orm/postgresql';
import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { SYSTEM_ACTOR } from '@hydrator/audit';
import { DeploymentStatus } from '@hydrator/database';
import { ROLLOUTS_QUEUE, RolloutsJob, RolloutsPayloads } from '@hydrator/queues';
import { DeploymentExecutor, RolloutRunner } from '@hydrator/runner';
import { isRetryable } from './runner-errors';
import { LoggedWorkerHost } from '@hydrator/platform';

type RolloutsJobOf = { [Name in RolloutsJob]: Job<RolloutsPayloads[Name], string, Name> }[RolloutsJob];

/** How long a job's lock lasts unless renewed: a killed runner's job waits this long (plus a stall check) before another takes it. */
export const ROLLOUTS_LOCK_DURATION_MS = 10_000;

/** Consumer of `rollouts`: thin, one service call per job; retry policy decided in runner-errors. */
// Short locks (renewed while the worker lives) let a surviving replica take over a killed one's job within seconds.
@Processor(ROLLOUTS_QUEUE, { concurrency: 8, lockDuration: ROLLOUTS_LOCK_DURATION_MS, stalledInterval: 5_000 })
export class RolloutsProcessor extends LoggedWorkerHost {
  constructor(
    private readonly runner: RolloutRunner,
    private readonly executor: DeploymentExecutor,
    // Used by @CreateRequestContext: each job gets its own identity map.
    private readonly orm: MikroORM,
  ) {
    super();
  }

  @CreateRequestContext()
  async process(job: RolloutsJobOf): Promise<string> {
    switch (job.name) {
      case RolloutsJob.AdvanceRollout:
        await this.runner.advance(job.data.rolloutId);
        return 'advanced';
      case RolloutsJob.RunCurrentRollout:
        return (await this.runner.run(SYSTEM_ACTOR)).id;
      case RolloutsJob.ExecuteDeployment:
      case RolloutsJob.CheckDeployment:
        return this.attempt(job);
      default:
        throw new UnrecoverableError(`unknown job ${(job as Job).name} on ${ROLLOUTS_QUEUE}`);
    }
  }

  /**
   * Executes or checks one attempt. A failure Jenkins or Alertmanager may recover from is retried by
   * BullMQ; a final one (or the last retry) fails the deployment with the error, so nothing hangs.
   */
  private async attempt(job: Job<RolloutsPayloads[RolloutsJob.ExecuteDeployment], string, RolloutsJob>): Promise<string> {
    const { deploymentId, attempt } = job.data;
    try {
      return job.name === RolloutsJob.ExecuteDeployment ? await this.executor.execute(deploymentId, attempt) : await this.executor.check(deploymentId, attempt);
    } catch (error) {
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (isRetryable(error) && !lastTry) throw error;
      const current = await this.executor.load(deploymentId);
      if (current && current.attempt === attempt) {
        await this.executor.settle(current, { status: DeploymentStatus.FAILED, error: (error as Error).message });
      }
      return `failed: ${(error as Error).message}`;
    }
  }
}
