import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseExpression } from 'cron-parser';
import { Actor, AuditService } from '@hydrator/audit';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { Application, Deployment, DeploymentReport, Rollout, RolloutKind, Target } from '@hydrator/database';
import { ChangeFeed, deploymentChange, rolloutChange } from '@hydrator/live';
import { OutboxService } from '@hydrator/notifier';
import { formatRunTime, jiraTicket, sreSummaryIntro, TeamAnnouncement, teamMessage, TeamMessageContext } from './plan-announcements';
import { cutoffBefore, isoWeekOf } from './planning-clock';
import { ScheduleInputsLoader } from './schedule-inputs.loader';
import { planSchedule, SchedulePlan } from './schedule-plan';
import { Shortlog } from './shortlog';
import { ShortlogService } from './shortlog.service';

/** GitHub calls in flight at once while planning: enough to be quick, few enough to stay under rate limits. */
const SHORTLOG_CONCURRENCY = 8;

export interface ScheduleOutcome {
  rollout: Rollout;
  /** False when this week's rollout already existed: nothing was planned or sent again. */
  created: boolean;
}

/**
 * Workflow 3: plans the week's rollout. Idempotent per ISO week, even across scheduler replicas racing
 * (a partial unique index on the week decides), and the team messages, the SRE summary and the Jira
 * ticket are written to the outbox in the same transaction as the plan, so they go out exactly once.
 */
@Injectable()
export class ScheduleService {
  private readonly logger = new Logger(ScheduleService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly inputs: ScheduleInputsLoader,
    private readonly shortlogs: ShortlogService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
    private readonly feed: ChangeFeed,
  ) {
    if (config.cancelLinkSecrets.length === 0) {
      this.logger.warn("CANCEL_LINK_SECRET is not set: team messages link to the operator's cancel page instead of a signed cancel link, and the gateway refuses signed links");
    }
  }

  /** What scheduling would plan at `now`, with no side effect. */
  async preview(now = new Date()): Promise<SchedulePlan> {
    const { weekOf, cutoff } = this.window(now);
    return planSchedule(await this.inputs.load(this.em.fork(), cutoff, now), weekOf, cutoff);
  }

  async schedule(actor: Actor, now = new Date()): Promise<ScheduleOutcome> {
    const { weekOf, cutoff } = this.window(now);
    const existing = await this.weekly(weekOf);
    if (existing) return { rollout: existing, created: false };
    const plan = planSchedule(await this.inputs.load(this.em.fork(), cutoff, now), weekOf, cutoff);
    const shortlogs = await this.shortlogsFor(plan);
    try {
      const { rollout, messageIds } = await this.em.fork().transactional((em) => this.record(em, actor, plan, shortlogs, now));
      this.feed.publish(rolloutChange(rollout), ...rollout.deployments.getItems().map(deploymentChange));
      await this.outbox.dispatch(messageIds);
      this.logger.log(`planned rollout ${weekOf}: ${plan.deployments.length} deployment(s), ${plan.skipped.length} application(s) left out`);
      return { rollout, created: true };
    } catch (error) {
      // Another scheduler replica planned this week first: its rollout is the week's.
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await this.weekly(weekOf);
        if (winner) return { rollout: winner, created: false };
      }
      throw error;
    }
  }

  /** The ISO week and cutoff in force at `now`, in HYDRATOR_TIMEZONE. */
  window(now: Date): { weekOf: string; cutoff: Date } {
    return { weekOf: isoWeekOf(now, this.config.timezone), cutoff: cutoffBefore(now, this.config.cutoff, this.config.timezone) };
  }

  /** When the run will start: the next RUN_CRON time after `now`. */
  nextRunAt(now: Date): Date {
    return parseExpression(this.config.runCron, { currentDate: now, tz: this.config.timezone }).next().toDate();
  }

  private weekly(weekOf: string): Promise<Rollout | null> {
    return this.em.fork().findOne(Rollout, { kind: RolloutKind.WEEKLY, weekOf });
  }

  private async record(em: EntityManager, actor: Actor, plan: SchedulePlan, shortlogs: Map<string, Shortlog>, now: Date) {
    const rollout = em.create(Rollout, { kind: RolloutKind.WEEKLY, weekOf: plan.weekOf, cutoff: plan.cutoff, skipped: plan.skipped, createdBy: actor.name });
    await em.flush(); // the week's unique index answers here, before anything else is written
    const applications = new Map((await em.find(Application, { id: { $in: [...new Set(plan.deployments.map((d) => d.applicationId))] } })).map((a) => [a.id, a]));
    const targets = new Map((await em.find(Target, { id: { $in: plan.deployments.map((d) => d.targetId) } })).map((t) => [t.id, t]));
    const announcements = new Map<string, TeamAnnouncement>();
    for (const draft of plan.deployments) {
      const application = applications.get(draft.applicationId)!;
      const target = targets.get(draft.targetId)!;
      const shortlog = shortlogs.get(shortlogKey(draft.applicationId, draft.previousRev)) ?? { entries: [], totalCommits: 0 };
      const deployment = em.create(Deployment, {
        rollout,
        application,
        target,
        gitRev: draft.gitRev,
        previousRev: draft.previousRev,
        shortlog: shortlog.entries,
        sourceReport: em.getReference(DeploymentReport, draft.sourceReport.id),
        plannedCutoff: plan.cutoff,
        changedBy: actor.name,
        changeReason: `prototype build #${draft.sourceReport.buildNumber} finished ${draft.sourceReport.finishedAt.toISOString()}, before the cutoff ${plan.cutoff.toISOString()}`,
      });
      const announcement = announcements.get(application.id) ?? { application: application.name, githubRepo: application.githubRepo, owners: application.owners, deployments: [], shortlog };
      announcement.deployments.push({ id: deployment.id, cluster: target.cluster, environment: target.environment, namespace: target.namespace, gitRev: draft.gitRev, previousRev: draft.previousRev });
      announcements.set(application.id, announcement);
    }
    const messageIds = this.announce(
      em,
      rollout,
      plan,
      [...announcements.entries()].map(([id, a]) => ({ ...a, channel: applications.get(id)!.slackChannel })),
      now,
    );
    this.audit.record(em, actor, {
      action: 'rollout.schedule',
      subjectType: 'rollout',
      subjectId: rollout.id,
      details: { weekOf: plan.weekOf, cutoff: plan.cutoff.toISOString(), deployments: plan.deployments.length, skipped: plan.skipped },
    });
    return { rollout, messageIds };
  }

  /** Writes the week's messages to the outbox: one per team channel, the SRE summary, the Jira ticket. */
  private announce(em: EntityManager, rollout: Rollout, plan: SchedulePlan, announcements: Array<TeamAnnouncement & { channel: string }>, now: Date): string[] {
    const runAt = formatRunTime(this.nextRunAt(now), this.config.timezone);
    const rolloutUrl = `${this.config.publicUrl}/rollouts/${rollout.id}`;
    const { publicUrl, cancelLinkSecrets } = this.config;
    const context: TeamMessageContext = {
      runAt,
      cutoff: formatRunTime(plan.cutoff, this.config.timezone),
      publicUrl,
      cancelLinkSecrets,
      interactive: this.config.slack?.signingSecret !== undefined,
      rollout: { url: rolloutUrl, weekOf: plan.weekOf },
    };
    const messages = [];
    for (const announcement of announcements) {
      messages.push(
        this.outbox.slackMessage(em, {
          dedupKey: `rollout:${rollout.id}:team:${announcement.application}`,
          rollout,
          deploymentIds: announcement.deployments.map((d) => d.id),
          channel: announcement.channel,
          ...teamMessage(announcement, context),
        }),
      );
    }
    const applications = announcements.length;
    messages.push(
      this.outbox.sreSummary(em, {
        dedupKey: `rollout:${rollout.id}:sre-summary`,
        rollout,
        channel: this.config.slackSreChannel,
        intro: sreSummaryIntro(plan.weekOf, plan.deployments.length, applications, plan.skipped.length, runAt, rolloutUrl),
      }),
    );
    const ticket = jiraTicket(plan.weekOf, announcements, plan.skipped, runAt, rolloutUrl, { publicUrl, cancelLinkSecrets });
    messages.push(
      this.outbox.jiraIssue(em, {
        dedupKey: `rollout:${rollout.id}:jira`,
        rollout,
        project: this.config.jiraProject,
        summary: ticket.summary,
        description: ticket.description,
        labels: ['hydrator', 'weekly-rollout'],
      }),
    );
    return messages.map((message) => message.id);
  }

  /** One shortlog per application and production rev (targets on the same rev share it), a few at a time. */
  private async shortlogsFor(plan: SchedulePlan): Promise<Map<string, Shortlog>> {
    const wanted = new Map<string, { applicationId: string; base: string | null; head: string }>();
    for (const draft of plan.deployments) wanted.set(shortlogKey(draft.applicationId, draft.previousRev), { applicationId: draft.applicationId, base: draft.previousRev, head: draft.gitRev });
    const repos = new Map(
      (await this.em.fork().find(Application, { id: { $in: [...new Set([...wanted.values()].map((w) => w.applicationId))] } }, { fields: ['id', 'githubRepo'] })).map((a) => [a.id, a.githubRepo]),
    );
    const results = new Map<string, Shortlog>();
    const queue = [...wanted.entries()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, { applicationId, base, head }] = next;
        results.set(key, await this.shortlogs.between(repos.get(applicationId)!, base, head));
      }
    };
    await Promise.all(Array.from({ length: SHORTLOG_CONCURRENCY }, worker));
    return results;
  }
}

function shortlogKey(applicationId: string, previousRev: string | null): string {
  return `${applicationId}@${previousRev ?? ''}`;
}
