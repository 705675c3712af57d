import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { DeploymentStatus, Rollout } from '@hydrator/database';
import type { RunSnapshot } from './run-decision';
import {
  Announcement,
  consoleUrlOf,
  contextBlock,
  escapeMrkdwn,
  formatDuration,
  headerBlock,
  linkButton,
  listSections,
  MAX_BLOCKS,
  messageIdOf,
  mrkdwnLink,
  OutboxService,
  RolloutParents,
  sectionBlock,
  SlackBlock,
} from '@hydrator/notifier';

interface ResultRow {
  application: string;
  cluster: string;
  environment: string;
  git_rev: string;
  status: DeploymentStatus;
  started_at: Date | null;
  finished_at: Date | null;
  jenkins_build_url: string | null;
}

/** One target of an application as its thread lines show it. */
interface TargetRow extends ResultRow {
  application_id: string;
}

/** A failed deployment attempt, as the support alert and the thread tell it. */
export interface FailedAttempt {
  deploymentId: string;
  attempt: number;
  application: string;
  target: string;
  gitRev: string;
  buildUrl: string | null;
  error: string;
}

/** A deployment that was canceled, as Jira and its team message tell it. */
export interface CanceledDeployment {
  id: string;
  application: string;
  target: string;
  /** Who canceled it: an operator token's name or `slack:U…`. */
  actor: string;
  reason: string;
}

/** Rollouts whose parents are kept in memory (the oldest read is forgotten first). */
const PARENTS_KEPT = 100;

/** Lines of deployments a results message lists in blocks (the rest are counted, and all are on the rollout page). */
const RESULT_SECTIONS = 30;

/**
 * What the runner tells Slack and Jira, written to the outbox inside the transaction that decided it, so
 * each goes out once: the week's SRE thread follows the run (an application's start and finish, each
 * failure, a halt, the results), a team's message shows how its deployments ended, the support channel
 * hears of every failure, and the week's Jira issue gets a comment when the rollout halts, completes or
 * loses a deployment to a cancel, and is transitioned (`JIRA_DONE_TRANSITION`) when it completes.
 * Emergencies have no SRE summary or Jira issue: they get the alerts and the results only.
 */
@Injectable()
export class RunAnnouncements {
  /** The summary and Jira issue of recent rollouts: written with the rollout when it is planned, never after, so kept once read. */
  private readonly parents = new Map<string, RolloutParents>();

  constructor(
    private readonly outbox: OutboxService,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
  ) {}

  /**
   * The thread lines a decision brings: each application that starts its first target with one of
   * `startedIds`, and each whose deployments are now all done (succeeded or canceled, at least one
   * succeeded) and has no line yet, with its targets, how long it took and its builds. Read from the
   * decision's snapshot; the rows behind a line are loaded only when there is one to write. Returns the message ids.
   */
  async progressed(em: EntityManager, rollout: Rollout, snapshot: RunSnapshot, startedIds: readonly string[]): Promise<string[]> {
    const { summaryId } = await this.parentsOf(em, rollout.id);
    if (!summaryId) return [];
    const started = new Set(snapshot.deployments.filter((d) => startedIds.includes(d.id)).map((d) => d.applicationId));
    const keyOf = (applicationId: string) => `application:${applicationId}:finished`;
    const done = [...applicationsOf(snapshot)].filter(
      ([, ds]) => ds.every((d) => d.status === DeploymentStatus.SUCCEEDED || d.status === DeploymentStatus.CANCELED) && ds.some((d) => d.status === DeploymentStatus.SUCCEEDED),
    );
    const written = await existingIds(
      em,
      done.map(([applicationId]) => this.threadKey(rollout, keyOf(applicationId))),
    );
    const finished = new Set(done.map(([applicationId]) => applicationId).filter((id) => !written.has(messageIdOf(this.threadKey(rollout, keyOf(id))))));
    if (started.size === 0 && finished.size === 0) return [];
    const rows = byApplication(await targetsOf(em, rollout.id, `d.application_id in (?)`, [[...started, ...finished]], true));
    const lines = [...started].map((applicationId) => {
      const targets = rows.get(applicationId)!.filter((t) => t.status !== DeploymentStatus.CANCELED);
      const [first] = targets;
      const where = targets.map((t) => `${t.cluster}/${t.environment}`).join(', ');
      return this.threadLine(em, rollout, summaryId, `application:${applicationId}:started`, [
        `:arrow_forward: *${escapeMrkdwn(first.application)}* started: \`${escapeMrkdwn(first.git_rev.slice(0, 10))}\` to ${escapeMrkdwn(where)} (${plural(targets.length, 'target')}, one at a time)`,
      ]);
    });
    for (const applicationId of finished) {
      const targets = rows.get(applicationId)!;
      const [first] = targets;
      const succeeded = targets.filter((t) => t.status === DeploymentStatus.SUCCEEDED);
      const took = spanOf(succeeded);
      const builds = succeeded.filter((t) => t.jenkins_build_url).map((t) => mrkdwnLink(t.jenkins_build_url!, `${t.cluster} build`));
      const canceled = targets.length - succeeded.length;
      lines.push(
        this.threadLine(em, rollout, summaryId, keyOf(applicationId), [
          `:white_check_mark: *${escapeMrkdwn(first.application)}* finished: \`${escapeMrkdwn(first.git_rev.slice(0, 10))}\` on ${escapeMrkdwn(succeeded.map((t) => `${t.cluster}/${t.environment}`).join(', '))}` +
            `${took === undefined ? '' : ` in ${formatDuration(took)}`}${canceled ? ` (${plural(canceled, 'target')} canceled)` : ''}${builds.length ? ` · ${builds.join(', ')}` : ''}`,
        ]),
      );
    }
    return lines;
  }

  /**
   * A deployment attempt ended: its team message is updated, and a failure is announced in the support
   * channel (with the Jenkins console and the reason) and in the week's thread. Returns the message ids.
   */
  async settled(em: EntityManager, rollout: Rollout, deploymentId: string, attempt: number, failure?: FailedAttempt, announcement?: Announcement | null): Promise<string[]> {
    const what = failure ? `failed: ${failure.error}` : 'succeeded';
    const ids = await this.updateTeamMessage(em, rollout, deploymentId, `${attempt}:${failure ? 'failed' : 'succeeded'}`, what, announcement);
    if (!failure) return ids;
    ids.push(this.failureAlert(em, rollout, failure));
    const { summaryId } = await this.parentsOf(em, rollout.id);
    if (summaryId) {
      const consoleLink = failure.buildUrl ? ` · ${mrkdwnLink(consoleUrlOf(failure.buildUrl), 'Jenkins console')}` : ' · no Jenkins build was started';
      ids.push(
        this.threadLine(em, rollout, summaryId, `deployment:${failure.deploymentId}:${failure.attempt}:failed`, [
          `:x: *${escapeMrkdwn(failure.application)}* failed on ${escapeMrkdwn(failure.target)}: ${escapeMrkdwn(failure.error)}${consoleLink}`,
        ]),
      );
    }
    return ids;
  }

  /** The rollout halted: a line in the week's thread and a comment on its Jira issue, with the reason. Returns the message ids. */
  async halted(em: EntityManager, rollout: Rollout, reason: string): Promise<string[]> {
    const parents = await this.parentsOf(em, rollout.id);
    // Each halt is its own: the version the rollout had while it ran names it.
    const key = `halted:v${rollout.version}`;
    const url = this.rolloutUrl(rollout);
    const ids: string[] = [];
    if (parents.summaryId) {
      ids.push(this.threadLine(em, rollout, parents.summaryId, key, [`:double_vertical_bar: *Rollout halted*: ${escapeMrkdwn(reason)} · ${mrkdwnLink(url, 'resume or retry')}`]));
    }
    ids.push(...this.jiraComment(em, rollout, parents, key, [`Hydrator halted the rollout: ${reason}`, `Fix the cause, then resume the rollout or retry the deployment: ${url}`]));
    return ids;
  }

  /**
   * The results of a finished rollout, with counts and durations: to the SRE channel and in the week's
   * thread (Block Kit, with a plain-text fallback), as a comment on the Jira issue, which is then
   * transitioned to `JIRA_DONE_TRANSITION`. Returns the message ids.
   */
  async completed(em: EntityManager, rollout: Rollout): Promise<string[]> {
    const rows = await em.execute<ResultRow[]>(
      `select a.name as application, t.cluster, t.environment, d.git_rev, d.status, d.started_at, d.finished_at, d.jenkins_build_url
         from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id
        where d.rollout_id = ? order by a.name, t.position`,
      [rollout.id],
    );
    const results = this.results(rollout, rows);
    const ids = [this.outbox.slackMessage(em, { dedupKey: `rollout:${rollout.id}:results`, rollout, channel: this.config.slackSreChannel, ...results.slack }).id];
    const parents = await this.parentsOf(em, rollout.id);
    if (parents.summaryId) ids.push(this.threadLine(em, rollout, parents.summaryId, 'results', [results.slack.text], results.slack.blocks));
    ids.push(...this.jiraComment(em, rollout, parents, 'completed', results.jira));
    if (parents.issueId) {
      ids.push(
        this.outbox.jiraTransition(em, {
          dedupKey: `rollout:${rollout.id}:jira:completed:transition`,
          rollout,
          parentId: parents.issueId,
          project: this.config.jiraProject,
          transition: this.config.jiraDoneTransition,
        }).id,
      );
    }
    return ids;
  }

  /** A deployment was canceled (by anyone, from anywhere): its team message says who and why, and so does the Jira issue. Returns the message ids. */
  async canceled(em: EntityManager, rollout: Rollout, canceled: CanceledDeployment): Promise<string[]> {
    const ids = await this.updateTeamMessage(em, rollout, canceled.id, 'canceled', `canceled by ${canceled.actor}: ${canceled.reason}`);
    const parents = await this.parentsOf(em, rollout.id);
    ids.push(
      ...this.jiraComment(em, rollout, parents, `deployment:${canceled.id}:canceled`, [
        `${canceled.application} will not be deployed to ${canceled.target}: canceled by ${canceled.actor}.`,
        `Reason: ${canceled.reason}`,
        `Rollout: ${this.rolloutUrl(rollout)}`,
      ]),
    );
    return ids;
  }

  private async parentsOf(em: EntityManager, rolloutId: string): Promise<RolloutParents> {
    const known = this.parents.get(rolloutId);
    if (known) return known;
    const parents = await this.outbox.parentsOf(em, rolloutId);
    if (this.parents.size >= PARENTS_KEPT) this.parents.delete(this.parents.keys().next().value!);
    this.parents.set(rolloutId, parents);
    return parents;
  }

  dispatch(messageIds: string[]): Promise<void> {
    return messageIds.length ? this.outbox.dispatch(messageIds) : Promise.resolve();
  }

  /** The SRE support channel's alert for one failed deployment attempt, in Block Kit with a plain-text fallback. */
  private failureAlert(em: EntityManager, rollout: Rollout, failure: FailedAttempt): string {
    const url = this.rolloutUrl(rollout);
    const which = rollout.weekOf ? `rollout ${rollout.weekOf}` : 'this rollout';
    // The error, the rev and the build URL come from Jenkins and git: escaped, so none can post a link or a mention.
    const title = `:rotating_light: *${escapeMrkdwn(failure.application)}* failed to deploy \`${escapeMrkdwn(failure.gitRev.slice(0, 10))}\` to ${escapeMrkdwn(failure.target)}`;
    const jenkins = failure.buildUrl ? `Jenkins: ${mrkdwnLink(consoleUrlOf(failure.buildUrl), 'console')} of ${mrkdwnLink(failure.buildUrl, 'the build')}` : 'Jenkins: no build was started';
    const next = `Hydrator starts nothing new in ${which}. Fix it, then run the rollout again or retry the deployment: ${mrkdwnLink(url, 'the rollout')}`;
    const buttons = [...linkButton('Open the rollout', url, 'hydrator_open_rollout'), ...linkButton('Jenkins console', failure.buildUrl && consoleUrlOf(failure.buildUrl), 'hydrator_open_console')];
    const blocks: SlackBlock[] = [
      sectionBlock(title),
      sectionBlock(`*Reason*\n${escapeMrkdwn(failure.error)}`),
      contextBlock([jenkins, `Attempt ${failure.attempt}`, escapeMrkdwn(which)]),
      contextBlock([next]),
      ...(buttons.length ? [{ type: 'actions', elements: buttons }] : []),
    ];
    return this.outbox.slackMessage(em, {
      dedupKey: `deployment:${failure.deploymentId}:${failure.attempt}:failed`,
      rollout,
      deploymentIds: [failure.deploymentId],
      channel: this.config.slackSupportChannel,
      text: [`${title}: ${escapeMrkdwn(failure.error)}`, jenkins, next].join('\n'),
      blocks,
    }).id;
  }

  /** The results as Slack (Block Kit and fallback) and Jira (plain text) show them. */
  private results(rollout: Rollout, rows: ResultRow[]): { slack: { text: string; blocks: SlackBlock[] }; jira: string[] } {
    const title = rollout.weekOf ? `Weekly rollout ${rollout.weekOf}` : `Emergency rollout ${rollout.id}`;
    const succeeded = rows.filter((r) => r.status === DeploymentStatus.SUCCEEDED).length;
    const canceled = rows.filter((r) => r.status === DeploymentStatus.CANCELED).length;
    const took = rollout.startedAt && rollout.finishedAt ? formatDuration(rollout.finishedAt.getTime() - rollout.startedAt.getTime()) : undefined;
    const durations = rows.map((r) => durationOf(r)).filter((ms): ms is number => ms !== undefined);
    const deployTime = durations.length ? `deploying took ${formatDuration(durations.reduce((a, b) => a + b, 0))} in all, the longest ${formatDuration(Math.max(...durations))}` : undefined;
    const counts = `${succeeded} of ${rows.length} deployments succeeded${canceled ? `, ${canceled} canceled` : ''}`;
    const lines = rows.map((row) => {
      const ms = durationOf(row);
      // The build URL and the rev come from Jenkins, the names from the registry: escaped, so the link stays one.
      const link = row.jenkins_build_url ? ` (${mrkdwnLink(row.jenkins_build_url, 'build')})` : '';
      const what = escapeMrkdwn(`${row.application} ${row.git_rev.slice(0, 10)} → ${row.cluster}/${row.environment}`);
      return `• ${row.status === DeploymentStatus.SUCCEEDED ? ':white_check_mark:' : ':heavy_minus_sign:'} ${what}: ${row.status.toLowerCase()}${ms === undefined ? '' : ` in ${formatDuration(ms)}`}${link}`;
    });
    const url = this.rolloutUrl(rollout);
    const facts = [took ? `Ran for ${took}` : undefined, deployTime ? `${deployTime[0].toUpperCase()}${deployTime.slice(1)}` : undefined, mrkdwnLink(url, 'The rollout')].filter(
      (f): f is string => !!f,
    );
    const head: SlackBlock[] = [headerBlock(`:checkered_flag: ${title} completed`), sectionBlock(`*${counts}*${took ? ` in ${took}` : ''}.`)];
    const tail: SlackBlock[] = [contextBlock(facts), { type: 'actions', elements: linkButton('Open the rollout', url, 'hydrator_open_rollout') }];
    const list = listSections(lines, Math.min(RESULT_SECTIONS, MAX_BLOCKS - head.length - tail.length - 1));
    const blocks = [...head, ...list.blocks, ...(list.left ? [contextBlock([`… and ${plural(list.left, 'more deployment')} on the rollout page`])] : []), ...tail];
    const text = [`:checkered_flag: *${title}* completed: ${counts}${took ? ` in ${took}` : ''}.`, ...lines].join('\n');
    const jira = [
      `Hydrator completed the rollout: ${counts}${took ? `, in ${took}` : ''}${deployTime ? ` (${deployTime})` : ''}.`,
      ...rows.map((row) => {
        const ms = durationOf(row);
        return `- ${row.application} ${row.git_rev.slice(0, 10)} to ${row.cluster}/${row.environment}: ${row.status.toLowerCase()}${ms === undefined ? '' : ` in ${formatDuration(ms)}`}${row.jenkins_build_url ? ` (${row.jenkins_build_url})` : ''}`;
      }),
      `Rollout: ${url}`,
    ];
    return { slack: { text, blocks }, jira };
  }

  /** Updates the message that announced `deploymentId` to its team, if one did (emergencies have none). */
  /** `known`: the announcement as the caller already read it (null: none), else it is looked up. */
  private async updateTeamMessage(em: EntityManager, rollout: Rollout, deploymentId: string, event: string, what: string, known?: Announcement | null): Promise<string[]> {
    const announcement = known === undefined ? await this.outbox.announcementOf(em, rollout.id, deploymentId) : known;
    if (!announcement) return [];
    return [
      this.outbox.slackUpdate(em, {
        dedupKey: `deployment:${deploymentId}:${event}:team-update`,
        rollout,
        parentId: announcement.id,
        channel: announcement.destination,
        deploymentIds: [deploymentId],
        text: what,
      }).id,
    ];
  }

  private threadLine(em: EntityManager, rollout: Rollout, summaryId: string, key: string, lines: string[], blocks?: SlackBlock[]): string {
    return this.outbox.slackReply(em, { dedupKey: this.threadKey(rollout, key), rollout, parentId: summaryId, channel: this.config.slackSreChannel, text: lines.join('\n'), blocks }).id;
  }

  private threadKey(rollout: Rollout, key: string): string {
    return `rollout:${rollout.id}:thread:${key}`;
  }

  /** A comment on the rollout's Jira issue, if it has one. */
  private jiraComment(em: EntityManager, rollout: Rollout, parents: RolloutParents, key: string, lines: string[]): string[] {
    if (!parents.issueId) return [];
    return [this.outbox.jiraComment(em, { dedupKey: `rollout:${rollout.id}:jira:${key}:comment`, rollout, parentId: parents.issueId, project: this.config.jiraProject, body: lines.join('\n') }).id];
  }

  private rolloutUrl(rollout: Rollout): string {
    return `${this.config.publicUrl}/rollouts/${rollout.id}`;
  }
}

/** The rollout's deployments (canceled ones only with `withCanceled`) with their application and target, by application then target order. */
function targetsOf(em: EntityManager, rolloutId: string, where: string, params: unknown[], withCanceled = false): Promise<TargetRow[]> {
  return em.execute<TargetRow[]>(
    `select d.application_id, a.name as application, t.cluster, t.environment, d.git_rev, d.status, d.started_at, d.finished_at, d.jenkins_build_url
       from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id
      where d.rollout_id = ? and (${where}) ${withCanceled ? '' : `and d.status <> '${DeploymentStatus.CANCELED}'`} order by a.name, t.position`,
    [rolloutId, ...params],
  );
}

/** The snapshot's deployments of each application. */
function applicationsOf(snapshot: RunSnapshot): Map<string, RunSnapshot['deployments']> {
  const grouped = new Map<string, RunSnapshot['deployments']>();
  for (const d of snapshot.deployments) grouped.set(d.applicationId, [...(grouped.get(d.applicationId) ?? []), d]);
  return grouped;
}

function byApplication(rows: TargetRow[]): Map<string, TargetRow[]> {
  const grouped = new Map<string, TargetRow[]>();
  for (const row of rows) grouped.set(row.application_id, [...(grouped.get(row.application_id) ?? []), row]);
  return grouped;
}

async function existingIds(em: EntityManager, dedupKeys: string[]): Promise<Set<string>> {
  if (dedupKeys.length === 0) return new Set();
  const rows = await em.execute<Array<{ id: string }>>(`select id from outbox_message where id in (?)`, [dedupKeys.map(messageIdOf)]);
  return new Set(rows.map((row) => row.id));
}

/** From the first start to the last finish of `targets`. */
function spanOf(targets: TargetRow[]): number | undefined {
  const starts = targets.filter((t) => t.started_at).map((t) => new Date(t.started_at!).getTime());
  const ends = targets.filter((t) => t.finished_at).map((t) => new Date(t.finished_at!).getTime());
  return starts.length && ends.length ? Math.max(...ends) - Math.min(...starts) : undefined;
}

function durationOf(row: Pick<ResultRow, 'started_at' | 'finished_at'>): number | undefined {
  return row.started_at && row.finished_at ? new Date(row.finished_at).getTime() - new Date(row.started_at).getTime() : undefined;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
