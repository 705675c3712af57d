import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, AuditService } from '@hydrator/audit';
import { HydratorError, isUuid } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { Deployment, DeploymentStatus, Rollout, RolloutStatus } from '@hydrator/database';
import { CHANGED_DEPLOYMENT_COLUMNS, ChangedDeploymentRow, ChangeFeed, PendingChanges } from '@hydrator/live';
import { RunAnnouncements } from './run-announcements';
import { decideNext } from './run-decision';
import { loadRunSnapshot } from './run-snapshot.loader';
import { RolloutJobs } from './rollout-jobs';

/**
 * The run's conductor. PostgreSQL holds the run: `advance` reads it under a per-rollout lock,
 * decides with `decideNext`, commits, and only then enqueues the executions it decided, so replicas
 * and retries can call it any number of times without starting anything twice.
 */
@Injectable()
export class RolloutRunner {
  private readonly logger = new Logger(RolloutRunner.name);

  constructor(
    private readonly em: EntityManager,
    private readonly jobs: RolloutJobs,
    private readonly audit: AuditService,
    private readonly announcements: RunAnnouncements,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
    private readonly feed: ChangeFeed,
  ) {}

  /**
   * Starts or resumes a rollout (default: the newest PLANNED or HALTED one). Succeeded deployments
   * are kept; failed and blocked ones run again; canceled ones stay canceled.
   */
  async run(actor: Actor, rolloutId?: string): Promise<Rollout> {
    const changes = new PendingChanges();
    const rollout = await this.em.fork().transactional(async (em) => {
      const found = rolloutId
        ? isUuid(rolloutId)
          ? await em.findOne(Rollout, { id: rolloutId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
          : null
        : await em.findOne(Rollout, { status: { $in: [RolloutStatus.PLANNED, RolloutStatus.HALTED] } }, { orderBy: { createdAt: 'desc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!found) throw HydratorError.notFound(rolloutId ? `rollout ${rolloutId} does not exist` : 'there is no planned or halted rollout to run: schedule one first');
      if (found.status === RolloutStatus.COMPLETED) throw HydratorError.conflict(`rollout ${found.weekOf ?? found.id} is already completed`);
      if (found.status === RolloutStatus.RUNNING) return found;
      const resumed = await em.execute<ChangedDeploymentRow[]>(
        `update deployment set status = 'SCHEDULED', version = version + 1, updated_at = now() where rollout_id = ? and status in ('FAILED', 'BLOCKED') returning ${CHANGED_DEPLOYMENT_COLUMNS}`,
        [found.id],
      );
      changes.deploymentRows(resumed).rollout(found);
      found.status = RolloutStatus.RUNNING;
      found.startedAt ??= new Date();
      found.reason = null;
      this.audit.record(em, actor, { action: 'rollout.run', subjectType: 'rollout', subjectId: found.id, details: { weekOf: found.weekOf, resumedDeployments: resumed.length } });
      return found;
    });
    this.feed.publish(...changes.committed());
    await this.jobs.advance(rollout.id);
    return rollout;
  }

  /** Starts what may start now, blocks what can no longer run, and completes or halts the rollout. */
  async advance(rolloutId: string): Promise<void> {
    const started: Array<{ id: string; attempt: number }> = [];
    const messages: string[] = [];
    const changes = new PendingChanges();
    await this.em.fork().transactional(async (em) => {
      const rollout = await em.findOne(Rollout, { id: rolloutId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!rollout || rollout.status !== RolloutStatus.RUNNING) return;
      const decision = decideNext(await loadRunSnapshot(em, rolloutId, this.config.maxParallelApps));
      if (decision.block.length) {
        changes.deploymentRows(
          await em.execute(`update deployment set status = 'BLOCKED', version = version + 1, updated_at = now() where id in (?) and status = 'SCHEDULED' returning ${CHANGED_DEPLOYMENT_COLUMNS}`, [
            decision.block,
          ]),
        );
      }
      for (const id of decision.start) {
        const rows = await em.execute<Array<ChangedDeploymentRow & { attempt: number }>>(
          `update deployment set status = 'QUEUED', attempt = attempt + 1, error = null, jenkins_queue_url = null, jenkins_build_url = null,
                  silence_id = null, silence_ends_at = null, started_at = null, finished_at = null, version = version + 1, updated_at = now()
            where id = ? and status = 'SCHEDULED' returning attempt, ${CHANGED_DEPLOYMENT_COLUMNS}`,
          [id],
        );
        changes.deploymentRows(rows);
        if (rows.length) started.push({ id, attempt: rows[0].attempt });
      }
      // The week's thread: applications that start their first target now, and those whose last one finished.
      messages.push(
        ...(await this.announcements.started(
          em,
          rollout,
          started.map((s) => s.id),
        )),
        ...(await this.announcements.finished(em, rollout)),
      );
      if (decision.outcome.status === 'COMPLETED') {
        rollout.status = RolloutStatus.COMPLETED;
        rollout.finishedAt = new Date();
        changes.rollout(rollout);
        messages.push(...(await this.announcements.completed(em, rollout)));
      } else if (decision.outcome.status === 'HALTED') {
        messages.push(...(await this.announcements.halted(em, rollout, decision.outcome.reason)));
        rollout.status = RolloutStatus.HALTED;
        rollout.reason = decision.outcome.reason;
        changes.rollout(rollout);
        this.logger.warn(`rollout ${rollout.weekOf ?? rollout.id} halted: ${decision.outcome.reason}`);
      }
    });
    this.feed.publish(...changes.committed());
    await this.announcements.dispatch(messages);
    for (const { id, attempt } of started) await this.jobs.execute(id, attempt);
  }

  /** Runs one failed or blocked deployment again; a halted rollout resumes, with what the failure blocked. */
  async retryDeployment(actor: Actor, deploymentId: string): Promise<Deployment> {
    const changes = new PendingChanges();
    const deployment = await this.em.fork().transactional(async (em) => {
      // The rollout row first, then the deployment's: the runner's order, so a retry never deadlocks with it.
      const [owner] = isUuid(deploymentId) ? await em.execute<Array<{ rollout_id: string }>>(`select rollout_id from deployment where id = ?`, [deploymentId]) : [];
      if (!owner) throw HydratorError.notFound(`deployment ${deploymentId} does not exist`);
      await em.execute(`select id from rollout where id = ? for update`, [owner.rollout_id]);
      await em.execute(`select id from deployment where id = ? for update`, [deploymentId]);
      const found = await em.findOneOrFail(Deployment, { id: deploymentId }, { populate: ['rollout', 'application', 'target'], refresh: true });
      if (![DeploymentStatus.FAILED, DeploymentStatus.BLOCKED].includes(found.status)) {
        throw HydratorError.conflict(`only a FAILED or BLOCKED deployment can be retried; this one is ${found.status}`);
      }
      found.status = DeploymentStatus.SCHEDULED;
      found.changedBy = actor.name;
      found.changeReason = 'retry';
      changes.deployment(found);
      if (found.rollout.status === RolloutStatus.HALTED) {
        found.rollout.status = RolloutStatus.RUNNING;
        found.rollout.reason = null;
        changes.rollout(found.rollout);
        // What the failure blocked waits for nothing else once the failure is retried: the run goes on
        // (were another deployment still FAILED, the next decision blocks them again and halts).
        changes.deploymentRows(
          await em.execute<ChangedDeploymentRow[]>(
            `update deployment set status = 'SCHEDULED', version = version + 1, updated_at = now() where rollout_id = ? and status = 'BLOCKED' and id <> ? returning ${CHANGED_DEPLOYMENT_COLUMNS}`,
            [found.rollout.id, found.id],
          ),
        );
      }
      this.audit.record(em, actor, { action: 'deployment.retry', subjectType: 'deployment', subjectId: found.id, details: { application: found.application.name, target: found.target.cluster } });
      return found;
    });
    this.feed.publish(...changes.committed());
    await this.jobs.advance(deployment.rollout.id);
    return deployment;
  }
}
