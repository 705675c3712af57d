import { CreateRequestContext, MikroORM } from '@mikro-orm/postgresql';
import { Processor } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
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
/** A job whose runner died under it is run again this many times: a runner's death is not the job's fault (every handler is safe to repeat). */
export const ROLLOUTS_MAX_STALLED = 20;

// Short locks (renewed while the worker lives) let a surviving replica take over a killed one's job within seconds.
@Processor(ROLLOUTS_QUEUE, { concurrency: 8, lockDuration: ROLLOUTS_LOCK_DURATION_MS, stalledInterval: 5_000, maxStalledCount: ROLLOUTS_MAX_STALLED })
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
  async process(job: RolloutsJobOf, token?: string): Promise<string> {
    switch (job.name) {
      case RolloutsJob.AdvanceRollout:
        await this.runner.advance(job.data.rolloutId);
        return 'advanced';
      case RolloutsJob.RunCurrentRollout:
        return (await this.runner.run(SYSTEM_ACTOR)).id;
      case RolloutsJob.ExecuteDeployment:
      case RolloutsJob.CheckDeployment:
        return this.attempt(job, token);
      default:
        throw new UnrecoverableError(`unknown job ${(job as Job).name} on ${ROLLOUTS_QUEUE}`);
    }
  }

  /**
   * Executes or checks one attempt. A failure Jenkins or Alertmanager may recover from is retried by
   * BullMQ; a final one (or the last retry) fails the deployment with the error, so nothing hangs.
   */
  private async attempt(job: Job<RolloutsPayloads[RolloutsJob.ExecuteDeployment], string, RolloutsJob>, token?: string): Promise<string> {
    const { deploymentId, attempt } = job.data;
    // Every earlier run of this job ended (threw): none of them can still be calling Jenkins.
    const previousRunEnded = job.attemptsMade > 0 && job.stalledCounter === 0;
    try {
      if (job.name === RolloutsJob.CheckDeployment) return await this.checkAttempt(job);
      const result = await this.executor.execute(deploymentId, attempt, previousRunEnded);
      if (typeof result === 'string') return result;
      // Another execution may still be triggering this attempt: look again once its lease has run out (no retry spent).
      this.logger.log(`an earlier execution of deployment ${deploymentId} attempt ${attempt} may still be triggering it; looking Jenkins up at ${new Date(result.waitUntil).toISOString()}`);
      await job.moveToDelayed(result.waitUntil, token);
      throw new DelayedError();
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (isRetryable(error) && !lastTry) throw error;
      const current = await this.executor.load(deploymentId);
      if (current && current.attempt === attempt) {
        await this.executor.settle(current, { status: DeploymentStatus.FAILED, error: (error as Error).message });
      }
      return `failed: ${(error as Error).message}`;
    }
  }

  /**
   * A check that finds its attempt settled, run again after its runner died (stalled) or failed: that
   * runner may have settled it and died before the decision that follows, so it is taken now rather
   * than at the reconciler's next pass.
   */
  private async checkAttempt(job: Job<RolloutsPayloads[RolloutsJob.CheckDeployment], string, RolloutsJob>): Promise<string> {
    const result = await this.executor.check(job.data.deploymentId, job.data.attempt);
    if (result === 'stale' && job.attemptsStarted > 1) await this.executor.advanceRolloutOf(job.data.deploymentId);
    return result;
  }
}
