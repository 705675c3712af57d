import { addLogContext } from '@hydrator/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DeploymentStatus } from '@hydrator/database';
import { HydratorMetrics } from '@hydrator/metrics';
import { DeploymentTransitions } from '@hydrator/live';
import { gitShaProblem, isFinished, JenkinsNotification, parseJenkinsNotification } from './jenkins-notification';

/** What recording one webhook did, for the consumer's job result and logs. */
export type RecordOutcome =
  | {
      status: 'recorded';
      reportId: string;
      targetId: string | null;
      unmatchedReason: string | null;
      attempt?: DeploymentAttempt;
      /** Why the report's HYDRATOR_DEPLOYMENT_ID was not believed: it is kept without its deployment. */
      detachedReason?: string;
      finished: boolean;
    }
  | { status: 'duplicate' | 'already-processed' | 'missing' | 'invalid'; reason?: string };

interface TargetMatch {
  applicationId: string | null;
  targetId: string | null;
  unmatchedReason: string | null;
}

/**
 * Turns a stored Jenkins webhook into a DeploymentReport matched to a registered target. Safe to run
 * twice (the report is unique per job, build and phase), and a report nobody registered is kept as
 * unmatched with the reason rather than dropped.
 */
@Injectable()
export class ReportRecorder {
  constructor(
    private readonly em: EntityManager,
    private readonly metrics: HydratorMetrics,
    private readonly transitions: DeploymentTransitions,
  ) {}

  /**
   * Three statements and no transaction: read the webhook, look up what matching needs, then one
   * statement that marks the webhook processed and inserts its report — only if it was not processed
   * yet, so two consumers given the same webhook (a re-enqueue racing the first job) record it once.
   */
  async record(webhookId: string): Promise<RecordOutcome> {
    const [webhook] = await this.em.execute<Array<{ payload: unknown; received_at: Date; processed: boolean }>>(
      `select payload, received_at, processed_at is not null as processed from jenkins_webhook where id = ?`,
      [webhookId],
    );
    if (!webhook) return { status: 'missing' };
    if (webhook.processed) return { status: 'already-processed' };
    const receivedAt = new Date(webhook.received_at);
    let notification: JenkinsNotification;
    try {
      notification = parseJenkinsNotification(webhook.payload);
    } catch (error) {
      await this.em.execute(`update jenkins_webhook set processed_at = now(), attempts = attempts + 1, last_error = ? where id = ? and processed_at is null`, [(error as Error).message, webhookId]);
      return { status: 'invalid', reason: (error as Error).message };
    }
    const claimed = parseDeploymentAttempt(notification.parameters.HYDRATOR_DEPLOYMENT_ID);
    const found = await this.lookUp(notification, claimed);
    const match = matchTarget(notification, found);
    const { attempt, detachedReason } = deploymentAttempt(notification, claimed, found.deployment_job);
    if (attempt) addLogContext({ deploymentId: attempt.deploymentId, attempt: attempt.attempt });
    const times = reportTimes(notification, receivedAt);
    const [result] = await this.em.execute<Array<{ processed: boolean; report_id: string | null }>>(
      `with webhook as (update jenkins_webhook set processed_at = now(), attempts = attempts + 1, last_error = null where id = ? and processed_at is null returning id),
            report as (insert into deployment_report (id, job_path, build_number, phase, result, git_rev, branch, build_url, parameters,
                         deployment_id, application_id, target_id, unmatched_reason, started_at, finished_at, received_at)
                       select gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from webhook
                       on conflict (job_path, build_number, phase) do nothing returning id)
       select exists (select 1 from webhook) as processed, (select id from report) as report_id`,
      [
        webhookId,
        notification.jobPath,
        notification.buildNumber,
        notification.phase,
        notification.status ?? notification.phase,
        notification.gitRev ?? null,
        notification.branch ?? null,
        notification.fullUrl ?? null,
        JSON.stringify(notification.parameters),
        attempt?.deploymentId ?? null,
        match.applicationId,
        match.targetId,
        match.unmatchedReason,
        times.startedAt,
        times.finishedAt,
        receivedAt,
      ],
    );
    if (!result.processed) return { status: 'already-processed' };
    const outcome: RecordOutcome = result.report_id
      ? { status: 'recorded', reportId: result.report_id, ...match, attempt, detachedReason, finished: isFinished(notification.phase) }
      : { status: 'duplicate' };
    // A build that runs: its link on the deployment now (a finished one's is set when the deployment settles).
    if (outcome.status === 'recorded' && attempt && notification.fullUrl && !outcome.finished) await this.learnBuildUrl(attempt, notification.fullUrl);
    // The gateway counted it accepted; here, what recording found: no registered target, or the same report again.
    if (outcome.status === 'recorded' && outcome.unmatchedReason) this.metrics.webhooks.inc({ outcome: 'unmatched' });
    if (outcome.status === 'duplicate') this.metrics.webhooks.inc({ outcome: 'duplicate' });
    return outcome;
  }

  /**
   * In one query, what matching the report needs: the applications deploying with its job, their
   * targets on its CLUSTER / ENVIRONMENT, and the Jenkins job of the deployment its HYDRATOR_DEPLOYMENT_ID names.
   */
  private async lookUp(n: JenkinsNotification, claimed: DeploymentAttempt | undefined): Promise<Registered> {
    const [row] = await this.em.execute<Registered[]>(
      `select (select coalesce(json_agg(a.id), '[]') from application a where a.jenkins_job = ?) as application_ids,
              (select coalesce(json_agg(json_build_object('id', t.id, 'application_id', t.application_id, 'namespace', t.namespace)), '[]')
                 from target t join application a on a.id = t.application_id where a.jenkins_job = ? and t.cluster = ? and t.environment = ?) as targets,
              (select a.jenkins_job from deployment d join application a on a.id = d.application_id where d.id = ?) as deployment_job`,
      [n.jobPath, n.jobPath, n.parameters.CLUSTER ?? '', n.parameters.ENVIRONMENT ?? '', claimed?.deploymentId ?? null],
    );
    return row;
  }

  /**
   * The build link on the deployment as soon as Jenkins reports the build of its current attempt (STARTED
   * comes seconds after the trigger; polling would find it only at the next JENKINS_POLL_INTERVAL), so
   * the link shows while the build runs. A link already known is kept, and only http(s) links are taken.
   */
  private async learnBuildUrl(attempt: DeploymentAttempt, buildUrl: string): Promise<void> {
    if (!/^https?:\/\//i.test(buildUrl)) return;
    await this.transitions.apply(
      this.em,
      { id: attempt.deploymentId, attempt: attempt.attempt, also: 'jenkins_build_url is null' },
      { from: [DeploymentStatus.QUEUED, DeploymentStatus.RUNNING], set: { jenkins_build_url: buildUrl } },
    );
  }
}

/** What {@link ReportRecorder.lookUp} found registered for a report. */
interface Registered {
  application_ids: string[];
  targets: Array<{ id: string; application_id: string; namespace: string }>;
  deployment_job: string | null;
}

/**
 * The deployment attempt the report settles. Any job that knows the webhook secret can send any
 * HYDRATOR_DEPLOYMENT_ID: only a build of the deployment's own Jenkins job may settle it, else a
 * staging job could mark a production deployment done.
 */
function deploymentAttempt(n: JenkinsNotification, attempt: DeploymentAttempt | undefined, deploymentJob: string | null): { attempt?: DeploymentAttempt; detachedReason?: string } {
  if (!attempt) return {};
  if (deploymentJob === null) return { detachedReason: `HYDRATOR_DEPLOYMENT_ID names deployment ${attempt.deploymentId}, which does not exist` };
  if (deploymentJob !== n.jobPath) {
    return { detachedReason: `HYDRATOR_DEPLOYMENT_ID names deployment ${attempt.deploymentId} of Jenkins job "${deploymentJob}", but the report came from job "${n.jobPath}"` };
  }
  return { attempt };
}

/**
 * The target is found from the job (several applications may share one deploy job) and the
 * CLUSTER / ENVIRONMENT parameters; NAMESPACE, when sent, must agree with the registered one.
 */
function matchTarget(n: JenkinsNotification, registered: Registered): TargetMatch {
  const { CLUSTER: cluster, ENVIRONMENT: environment, NAMESPACE: namespace } = n.parameters;
  if (registered.application_ids.length === 0) return unmatched(null, `no registered application deploys with Jenkins job "${n.jobPath}"`);
  const soleApplication = registered.application_ids.length === 1 ? registered.application_ids[0] : null;
  // A rev that is no sha must never become a target's current rev, and so what production is planned to run.
  const badRev = n.gitRev === undefined ? undefined : gitShaProblem(n.gitRev);
  if (badRev) return unmatched(soleApplication, badRev);
  if (!cluster || !environment) {
    return unmatched(soleApplication, 'the build has no CLUSTER and ENVIRONMENT parameters to find its target');
  }
  const candidates = namespace ? registered.targets.filter((t) => t.namespace === namespace) : registered.targets;
  if (candidates.length === 1) {
    return { applicationId: candidates[0].application_id, targetId: candidates[0].id, unmatchedReason: null };
  }
  const where = `${cluster}/${environment}${namespace ? `/${namespace}` : ''}`;
  if (candidates.length === 0) return unmatched(soleApplication, `no target of job "${n.jobPath}" is registered on ${where}`);
  return unmatched(null, `${candidates.length} applications of job "${n.jobPath}" have a target on ${where}; send NAMESPACE to tell them apart`);
}

function unmatched(applicationId: string | null, reason: string): TargetMatch {
  return { applicationId, targetId: null, unmatchedReason: reason };
}

/**
 * Start and finish as the Notification Plugin stamps them (its JobListener): `build.timestamp` is the
 * start on STARTED (and the queue time on QUEUED), but the finish on COMPLETED (start + duration,
 * computed by Jenkins) and the moment of finalizing on FINALIZED, also a finish. So a finished report's
 * start is `timestamp - duration`. Without a timestamp, the time the webhook was received stands in.
 */
export function reportTimes(n: JenkinsNotification, receivedAt: Date): { startedAt: Date; finishedAt: Date } {
  const stamped = n.timestampMs !== undefined ? new Date(n.timestampMs) : receivedAt;
  if (!isFinished(n.phase)) return { startedAt: stamped, finishedAt: stamped };
  const startedAt = n.durationMs !== undefined ? new Date(stamped.getTime() - n.durationMs) : stamped;
  return { startedAt, finishedAt: stamped };
}

/** A deployment attempt as Jenkins carries it in HYDRATOR_DEPLOYMENT_ID. */
export interface DeploymentAttempt {
  deploymentId: string;
  attempt: number;
}

/** HYDRATOR_DEPLOYMENT_ID is `<deployment id>:<attempt>` (a bare id is attempt 1); anything else is no attempt. */
export function parseDeploymentAttempt(value: string | undefined): DeploymentAttempt | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?::(\d+))?$/i.exec(value ?? '');
  return match ? { deploymentId: match[1].toLowerCase(), attempt: match[2] ? Number(match[2]) : 1 } : undefined;
}

/** The HYDRATOR_DEPLOYMENT_ID value of one attempt. */
export function deploymentAttemptParameter(deploymentId: string, attempt: number): string {
  return `${deploymentId}:${attempt}`;
}
