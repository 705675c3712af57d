import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, AuditService } from '@hydrator/audit';
import { HydratorError, isUuid } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { Deployment, DeploymentStatus, Rollout, RolloutStatus } from '@hydrator/database';
import { ChangeFeed, DeploymentTransitions, PendingChanges } from '@hydrator/live';
import { CoalescedRuns } from './coalesced-runs';
import { RunAnnouncements } from './run-announcements';
import { decideNext } from './run-decision';
import { lockRolloutRun } from './run-snapshot.loader';
import { RolloutJobs } from './rollout-jobs';

/**
 * The run's conductor. PostgreSQL holds the run: `advance` reads it under a per-rollout lock,
 * decides with `decideNext`, commits, and only then enqueues the executions it decided, so replicas
 * and retries can call it any number of times without starting anything twice. Deployment rows
 * change only through {@link DeploymentTransitions}.
 */
@Injectable()
export class RolloutRunner {
  private readonly logger = new Logger(RolloutRunner.name);
  private readonly decisions = new CoalescedRuns();

  constructor(
    private readonly em: EntityManager,
    private readonly jobs: RolloutJobs,
    private readonly audit: AuditService,
    private readonly announcements: RunAnnouncements,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
    private readonly feed: ChangeFeed,
    private readonly transitions: DeploymentTransitions,
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
      const resumed = await this.transitions.apply(em, { rolloutId: found.id }, { from: [DeploymentStatus.FAILED, DeploymentStatus.BLOCKED], to: DeploymentStatus.SCHEDULED }, changes);
      changes.rollout(found);
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

  /**
   * Starts what may start now, blocks what can no longer run, and completes or halts the rollout.
   * One decision per rollout at a time in this process (requests during one are answered by one more
   * after it); across replicas the rollout row's lock orders them. The lock is held for the decision
   * only: the executions it starts run in their own jobs, with no row locked across Jenkins calls.
   */
  advance(rolloutId: string): Promise<void> {
    return this.decisions.request(rolloutId, () => this.decide(rolloutId));
  }

  private async decide(rolloutId: string): Promise<void> {
    const messages: string[] = [];
    const changes = new PendingChanges();
    const started = await this.em.fork().transactional(async (em) => {
      const run = await lockRolloutRun(em, rolloutId, this.config.maxParallelApps);
      if (!run || run.status !== RolloutStatus.RUNNING) return [];
      const { snapshot } = run;
      const decision = decideNext(snapshot);
      // The row is locked already; the entity is read only for what ends the run (its messages need its week and times).
      const rollout = decision.outcome.status === 'RUNNING' ? em.getReference(Rollout, rolloutId) : await em.findOneOrFail(Rollout, { id: rolloutId });
      await this.transitions.apply(em, { id: decision.block }, { from: [DeploymentStatus.SCHEDULED], to: DeploymentStatus.BLOCKED }, changes);
      const attempts = await this.transitions.startAttempts(em, decision.start, changes);
      // The week's thread: applications that start their first target now, and those whose last one finished.
      messages.push(
        ...(await this.announcements.progressed(
          em,
          rollout,
          snapshot,
          attempts.map((a) => a.id),
        )),
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
      return attempts;
    });
    this.feed.publish(...changes.committed());
    await Promise.all([this.announcements.dispatch(messages), ...started.map(({ id, attempt }) => this.jobs.execute(id, attempt))]);
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
      await this.transitions.apply(
        em,
        { id: found.id },
        { from: [DeploymentStatus.FAILED, DeploymentStatus.BLOCKED], to: DeploymentStatus.SCHEDULED, set: { changed_by: actor.name, change_reason: 'retry' } },
        changes,
      );
      if (found.rollout.status === RolloutStatus.HALTED) {
        found.rollout.status = RolloutStatus.RUNNING;
        found.rollout.reason = null;
        changes.rollout(found.rollout);
        // What the failure blocked waits for nothing else once the failure is retried: the run goes on
        // (were another deployment still FAILED, the next decision blocks them again and halts).
        await this.transitions.apply(em, { rolloutId: found.rollout.id, exceptId: found.id }, { from: [DeploymentStatus.BLOCKED], to: DeploymentStatus.SCHEDULED }, changes);
      }
      this.audit.record(em, actor, { action: 'deployment.retry', subjectType: 'deployment', subjectId: found.id, details: { application: found.application.name, target: found.target.cluster } });
      await em.flush();
      // The row as the transition left it (the entity read before it is otherwise stale).
      return (await em.refresh(found, { populate: ['rollout', 'application', 'target'] })) ?? found;
    });
    this.feed.publish(...changes.committed());
    await this.jobs.advance(deployment.rollout.id);
    return deployment;
  }
}
