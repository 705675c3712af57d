import { CreateRequestContext, EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { DeploymentStatus, RolloutStatus } from '@hydrator/database';
import { PeriodicTask } from '@hydrator/platform';
import { DeploymentExecutor, RolloutJobs, RunnerIntegrations } from '@hydrator/runner';

/** An attempt between its start and its outcome. */
const IN_FLIGHT = [DeploymentStatus.QUEUED, DeploymentStatus.RUNNING];

/**
 * Rebuilds the `rollouts` queue from PostgreSQL, at startup and every few seconds: a runner killed
 * mid-step, a Redis that lost its data, or an enqueue that failed never leaves a rollout stuck.
 * Everything it enqueues is idempotent (attempt-keyed job ids, state checks in every handler).
 */
@Injectable()
export class RunnerReconciler extends PeriodicTask {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: RolloutJobs,
    private readonly executor: DeploymentExecutor,
    integrations: RunnerIntegrations,
    private readonly orm: MikroORM,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
  ) {
    super(Math.max(1000, Math.min(config.jenkinsPollIntervalMs, 15_000)));
    for (const warning of integrations.warnings()) this.logger.warn(warning);
  }

  @CreateRequestContext()
  protected async run(): Promise<void> {
    const running = await this.em.execute<Array<{ id: string }>>(`select id from rollout where status = ?`, [RolloutStatus.RUNNING]);
    for (const rollout of running) await this.jobs.advance(rollout.id);
    const inFlight = await this.em.execute<Array<{ id: string; attempt: number; status: DeploymentStatus }>>(`select id, attempt, status from deployment where status in (?)`, [IN_FLIGHT]);
    const slot = Math.floor(Date.now() / this.config.jenkinsPollIntervalMs);
    for (const d of inFlight) {
      if (d.status === DeploymentStatus.QUEUED) await this.jobs.reviveExecution(d.id, d.attempt);
      else await this.jobs.check(d.id, d.attempt, `reconcile-${slot}`);
    }
    const leftSilences = await this.em.execute<Array<{ id: string; silence_id: string }>>(
      `select id, silence_id from deployment where status not in (?) and silence_id is not null and silence_ends_at > now()`,
      [IN_FLIGHT],
    );
    for (const d of leftSilences) await this.executor.expireSilence(d);
  }
}
