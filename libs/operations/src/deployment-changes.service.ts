import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@hydrator/audit';
import { HydratorError, isUuid } from '@hydrator/common';
import { Deployment, DeploymentStatus, RolloutStatus } from '@hydrator/database';
import { ChangeFeed, DeploymentTransitions, PendingChanges } from '@hydrator/live';
import { RolloutJobs, RunAnnouncements } from '@hydrator/runner';
import { ShortlogService } from '@hydrator/scheduling';

/** Statuses in which a deployment has not been handed to Jenkins and may still be canceled. */
const CANCELABLE = [DeploymentStatus.SCHEDULED, DeploymentStatus.BLOCKED, DeploymentStatus.FAILED];

/** Operator changes to one deployment: cancel it (the link teams get on Slack) or edit its rev. */
@Injectable()
export class DeploymentChanges {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly shortlogs: ShortlogService,
    private readonly jobs: RolloutJobs,
    private readonly feed: ChangeFeed,
    private readonly announcements: RunAnnouncements,
    private readonly transitions: DeploymentTransitions,
  ) {}

  /**
   * Cancels a deployment that has not started; a running rollout then moves on without it. `allowed`, when
   * given, narrows who may cancel what (a Slack click, a signed link): it sees the deployment locked, with its
   * application, target and rollout, and throws to refuse, so nothing can change between its check and the cancel.
   */
  async cancel(actor: Actor, deploymentId: string, reason: string, allowed?: (deployment: Deployment) => void): Promise<Deployment> {
    const why = requireReason(reason);
    const messages: string[] = [];
    const deployment = await this.change(deploymentId, async (em, d, changes) => {
      allowed?.(d);
      if (!CANCELABLE.includes(d.status)) {
        throw HydratorError.conflict(`deployment of ${d.application.name} to ${d.target.cluster} is ${d.status}: only a deployment that has not started (${CANCELABLE.join(', ')}) can be canceled`);
      }
      this.audit.record(em, actor, {
        action: 'deployment.cancel',
        subjectType: 'deployment',
        subjectId: d.id,
        details: { application: d.application.name, target: d.target.cluster, from: d.status, reason: why },
      });
      await this.transitions.apply(em, { id: d.id }, { from: CANCELABLE, to: DeploymentStatus.CANCELED, set: { changed_by: actor.name, change_reason: why } }, changes);
      // Its team message says who canceled it and why, and so does the week's Jira issue.
      const target = `${d.target.cluster}/${d.target.environment}`;
      messages.push(...(await this.announcements.canceled(em, d.rollout, { id: d.id, application: d.application.name, target, actor: actor.name, reason: why })));
    });
    await this.announcements.dispatch(messages);
    if (deployment.rollout.status === RolloutStatus.RUNNING) await this.jobs.advance(deployment.rollout.id);
    return deployment;
  }

  /** Edits the rev of a SCHEDULED deployment; the rev must exist when GitHub (or a mirror) is configured, and the shortlog is recomputed. */
  async setRev(actor: Actor, deploymentId: string, gitRev: string): Promise<Deployment> {
    const current = isUuid(deploymentId) ? await this.em.fork().findOne(Deployment, { id: deploymentId }, { populate: ['application'] }) : null;
    if (!current) throw HydratorError.notFound(`deployment ${deploymentId} does not exist`);
    const repo = current.application.githubRepo;
    const rev = await this.shortlogs.checkRev(repo, gitRev);
    const shortlog = await this.shortlogs.between(repo, current.previousRev ?? null, rev);
    return this.change(deploymentId, async (em, d, changes) => {
      if (d.status !== DeploymentStatus.SCHEDULED) throw HydratorError.conflict(`the rev can only be edited while the deployment is SCHEDULED; it is ${d.status}`);
      this.audit.record(em, actor, {
        action: 'deployment.set-rev',
        subjectType: 'deployment',
        subjectId: d.id,
        details: { application: d.application.name, target: d.target.cluster, from: d.gitRev, to: rev },
      });
      await this.transitions.apply(
        em,
        { id: d.id },
        { from: [DeploymentStatus.SCHEDULED], set: { git_rev: rev, shortlog: JSON.stringify(shortlog.entries), changed_by: actor.name, change_reason: `rev set by ${actor.name}` } },
        changes,
      );
    });
  }

  /**
   * Loads and locks a deployment, lets `apply` change it through {@link DeploymentTransitions}, commits,
   * then tells live subscribers; returns the deployment as committed.
   */
  private async change(deploymentId: string, apply: (em: EntityManager, d: Deployment, changes: PendingChanges) => Promise<void>): Promise<Deployment> {
    const changes = new PendingChanges();
    const deployment = await this.em.fork().transactional(async (em) => {
      // Lock the deployment row alone: a locking read joined with its rollout would lock the rollout row
      // too, in the opposite order to the runner (rollout, then its deployments), and deadlock with it.
      const locked = isUuid(deploymentId) && (await em.execute(`select id from deployment where id = ? for update`, [deploymentId])).length > 0;
      const d = locked ? await em.findOne(Deployment, { id: deploymentId }, { populate: ['application', 'target', 'rollout'], refresh: true }) : null;
      if (!d) throw HydratorError.notFound(`deployment ${deploymentId} does not exist`);
      await apply(em, d, changes);
      // The row as the transition left it (the entity read before it is otherwise stale).
      return em.refresh(d, { populate: ['application', 'target', 'rollout'] }).then((fresh) => fresh ?? d);
    });
    this.feed.publish(...changes.committed());
    return deployment;
  }
}

/** The longest reason or note an operator may write: it goes to Slack and the audit log whole. */
export const MAX_REASON_LENGTH = 2000;

/** Every human action needs its reason in the audit log. */
export function requireReason(reason: string, field = 'reason'): string {
  const trimmed = reason.trim();
  if (!trimmed) throw HydratorError.badInput(field, 'say why: it goes to the audit log and to the teams');
  if (trimmed.length > MAX_REASON_LENGTH) throw HydratorError.badInput(field, `at most ${MAX_REASON_LENGTH} characters`);
  return trimmed;
}
