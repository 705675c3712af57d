import { addLogContext } from '@hydrator/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AlertmanagerError, silenceCommentMarker, silenceCommentOf, silenceMatchersOf } from '@hydrator/alertmanager';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { DeploymentStatus, Rollout } from '@hydrator/database';
import { JenkinsError, JenkinsErrorCode } from '@hydrator/jenkins';
import { CHANGED_DEPLOYMENT_COLUMNS, ChangedDeploymentRow, ChangeFeed, deploymentRowChange, PendingChanges } from '@hydrator/live';
import { HydratorMetrics } from '@hydrator/metrics';
import { deploymentAttemptParameter } from '@hydrator/registry';
import { HandoffLatency } from './handoff-latency';
import { RunAnnouncements } from './run-announcements';
import { RolloutJobs } from './rollout-jobs';
import { RunnerIntegrations } from './runner-integrations';

/** A deployment attempt with what executing it needs, read in one query. */
interface AttemptRow {
  id: string;
  status: DeploymentStatus;
  attempt: number;
  git_rev: string;
  silence_id: string | null;
  silence_ends_at: Date | null;
  jenkins_queue_url: string | null;
  jenkins_build_url: string | null;
  started_at: Date | null;
  /** When the row last changed: for a QUEUED attempt, when it was queued. */
  updated_at: Date;
  rollout_id: string;
  application: string;
  jenkins_job: string;
  cluster: string;
  environment: string;
  namespace: string;
}

export type Outcome = { status: DeploymentStatus.SUCCEEDED } | { status: DeploymentStatus.FAILED; error: string };

/**
 * Runs one deployment attempt: silence the target, trigger Jenkins once, learn the outcome from the
 * webhook or by polling, then expire the silence. Every step reads PostgreSQL first and is safe to
 * repeat: a restarted runner picks an attempt up where the last one stopped.
 */
@Injectable()
export class DeploymentExecutor {
  private readonly logger = new Logger(DeploymentExecutor.name);

  constructor(
    private readonly em: EntityManager,
    private readonly jobs: RolloutJobs,
    private readonly announcements: RunAnnouncements,
    private readonly integrations: RunnerIntegrations,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
    private readonly feed: ChangeFeed,
    private readonly metrics: HydratorMetrics,
    private readonly handoff: HandoffLatency,
  ) {}

  /**
   * Silence, then trigger Jenkins (or adopt the build a crashed runner already triggered). The
   * deployment row stays locked meanwhile, so two executions of one attempt (a stalled job handed to
   * another replica while the first still runs) cannot both trigger: the second finds the first's build.
   */
  async execute(deploymentId: string, attempt: number): Promise<string> {
    const d = await this.load(deploymentId);
    if (!isCurrent(d, attempt)) return 'stale';
    const jenkins = this.integrations.jenkins;
    if (!jenkins) return this.settle(d, { status: DeploymentStatus.FAILED, error: 'JENKINS_URL is not configured: Hydrator cannot trigger deployments' });
    const changes = new PendingChanges();
    let triggered = false;
    const outcome = await this.em.fork().transactional(async (em) => {
      triggered = false;
      const [locked] = await em.execute<AttemptRow[]>(`select status, attempt, silence_id, jenkins_queue_url, jenkins_build_url from deployment where id = ? for update`, [d.id]);
      if (!isCurrent({ ...d, ...locked }, attempt)) return 'stale';
      // A QUEUED row may carry a build link already: the report of a build a crashed runner triggered
      // before it could commit (the registry records links as Jenkins reports them). That build is adopted below.
      if (locked.jenkins_queue_url || (locked.jenkins_build_url && locked.status !== DeploymentStatus.QUEUED)) return 'already triggered';
      if (!locked.silence_id) await this.silence(em, d);
      const parameter = deploymentAttemptParameter(d.id, attempt);
      // Never trigger twice for one attempt: a build or queue item may already carry this attempt's id.
      const existing = await jenkins.findByParameter(d.jenkins_job, 'HYDRATOR_DEPLOYMENT_ID', parameter);
      const queueUrl = existing?.kind === 'queued' ? existing.queueUrl : existing ? null : (await jenkins.trigger(d.jenkins_job, this.parameters(d, parameter))).queueUrl;
      triggered = !existing;
      const buildUrl = existing?.kind === 'build' ? existing.url : null;
      changes.deploymentRows(
        await em.execute(
          `update deployment set status = 'RUNNING', started_at = coalesce(started_at, now()), jenkins_queue_url = ?, jenkins_build_url = ?, version = version + 1, updated_at = now()
            where id = ? returning ${CHANGED_DEPLOYMENT_COLUMNS}`,
          [queueUrl, buildUrl, d.id],
        ),
      );
      if (existing) this.logger.log(`adopted Jenkins ${existing.kind} of ${d.application} attempt ${attempt} instead of triggering again`);
      else this.logger.log(`triggered Jenkins job ${d.jenkins_job} for ${d.application} on ${d.cluster}/${d.namespace}, attempt ${attempt}`);
      return 'triggered';
    });
    this.feed.publish(...changes.committed());
    if (triggered && outcome === 'triggered') await this.handoff.triggered({ id: d.id, rollout_id: d.rollout_id, attempt, queued_at: d.updated_at });
    if (outcome !== 'stale') await this.scheduleCheck(d.id, attempt);
    return outcome;
  }

  /** The outcome from the webhook report if it came, else from Jenkins; times out; extends the silence. */
  async check(deploymentId: string, attempt: number): Promise<string> {
    const d = await this.load(deploymentId);
    if (!isCurrent(d, attempt)) return 'stale';
    if (d.status === DeploymentStatus.QUEUED) {
      await this.jobs.execute(d.id, attempt);
      return 'not started yet';
    }
    const outcome = (await this.reportedOutcome(d)) ?? (await this.polledOutcome(d));
    if (outcome) return this.settle(d, outcome.outcome, outcome.buildUrl);
    if (d.started_at && Date.now() - new Date(d.started_at).getTime() > this.config.deployTimeoutMs) {
      return this.settle(d, { status: DeploymentStatus.FAILED, error: `no outcome from Jenkins within DEPLOY_TIMEOUT (${Math.round(this.config.deployTimeoutMs / 60000)} min)` });
    }
    await this.extendSilence(d);
    await this.scheduleCheck(d.id, attempt);
    return 'running';
  }

  /**
   * Marks the attempt finished (once) and, in the same transaction, updates its team message and tells the
   * support channel and the week's thread of a failure; then expires the silence and advances the rollout.
   */
  async settle(d: AttemptRow, outcome: Outcome, buildUrl: string | null = null): Promise<string> {
    const messages: string[] = [];
    const changes = new PendingChanges();
    let duration: number | null = null;
    const settled = await this.em.fork().transactional(async (em) => {
      const rows = await em.execute<Array<ChangedDeploymentRow & { duration_seconds: number | null }>>(
        `update deployment set status = ?, finished_at = now(), error = ?, jenkins_build_url = coalesce(?, jenkins_build_url), version = version + 1, updated_at = now()
          where id = ? and attempt = ? and status in ('QUEUED', 'RUNNING')
          returning ${CHANGED_DEPLOYMENT_COLUMNS}, extract(epoch from finished_at - started_at)::float8 as duration_seconds`,
        [outcome.status, outcome.status === DeploymentStatus.FAILED ? outcome.error : null, buildUrl, d.id, d.attempt],
      );
      changes.deploymentRows(rows);
      if (rows.length === 0) return false;
      duration = rows[0].duration_seconds;
      const rollout = await em.findOneOrFail(Rollout, { id: d.rollout_id });
      const failure =
        outcome.status === DeploymentStatus.FAILED
          ? {
              deploymentId: d.id,
              attempt: d.attempt,
              application: d.application,
              target: `${d.cluster}/${d.environment} (namespace ${d.namespace})`,
              gitRev: d.git_rev,
              buildUrl: buildUrl ?? d.jenkins_build_url,
              error: outcome.error,
            }
          : undefined;
      messages.push(...(await this.announcements.settled(em, rollout, d.id, d.attempt, failure)));
      return true;
    });
    this.feed.publish(...changes.committed());
    if (!settled) return 'already settled';
    this.logger.log(`deployment of ${d.application} on ${d.cluster}/${d.namespace} ${outcome.status}${outcome.status === DeploymentStatus.FAILED ? `: ${outcome.error}` : ''}`);
    // An attempt that never started (no Jenkins) has no duration.
    if (duration !== null) this.metrics.deploymentDuration.observe({ application: d.application, status: outcome.status }, Number(duration));
    await this.announcements.dispatch(messages);
    await this.expireSilence(d);
    await this.jobs.advance(d.rollout_id);
    return outcome.status;
  }

  /** Expires the silence of a finished deployment; on failure it stays recorded and the reconciler retries. */
  async expireSilence(d: Pick<AttemptRow, 'id' | 'silence_id'>): Promise<void> {
    const alertmanager = this.integrations.alertmanager;
    if (!d.silence_id || !alertmanager) return;
    try {
      await alertmanager.expireSilence(d.silence_id);
      await this.em.execute(`update deployment set silence_ends_at = now() where id = ? and silence_id = ?`, [d.id, d.silence_id]);
    } catch (error) {
      this.logger.warn(`could not expire silence ${d.silence_id} of deployment ${d.id}: ${(error as Error).message}; will retry`);
    }
  }

  async load(deploymentId: string): Promise<AttemptRow | undefined> {
    const [row] = await this.em.execute<AttemptRow[]>(
      `select d.id, d.status, d.attempt, d.git_rev, d.silence_id, d.silence_ends_at, d.jenkins_queue_url, d.jenkins_build_url, d.started_at, d.updated_at, d.rollout_id,
              a.name as application, a.jenkins_job, t.cluster, t.environment, t.namespace
         from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id
        where d.id = ?`,
      [deploymentId],
    );
    if (row) addLogContext({ rolloutId: row.rollout_id, deploymentId: row.id, attempt: row.attempt });
    return row;
  }

  private parameters(d: AttemptRow, parameter: string): Record<string, string> {
    return { GIT_REV: d.git_rev, CLUSTER: d.cluster, ENVIRONMENT: d.environment, NAMESPACE: d.namespace, HYDRATOR_DEPLOYMENT_ID: parameter };
  }

  /**
   * Creates the target's silence before Jenkins runs — or takes over the one a crashed runner created
   * (found by the deployment id in its comment) instead of leaking it. Without Alertmanager configured,
   * deployments run unsilenced (startup says so); with it configured but unreachable, the error goes to
   * the job's retries and, once they are spent, fails the deployment: deploying unsilenced would page on-call.
   */
  private async silence(em: EntityManager, d: AttemptRow): Promise<void> {
    const alertmanager = this.integrations.alertmanager;
    if (!alertmanager) return;
    const matchers = silenceMatchersOf(d);
    const endsAt = new Date(Date.now() + this.config.silenceDurationMs);
    let id: string;
    try {
      const [adopted] = await alertmanager.findSilences(matchers, { commentContains: silenceCommentMarker(d.id), states: ['active', 'pending'] });
      id = adopted
        ? await alertmanager.extendSilence(adopted.id, endsAt)
        : await alertmanager.createSilence({
            matchers,
            endsAt,
            createdBy: 'hydrator',
            comment: silenceCommentOf({ deploymentId: d.id, application: d.application, gitRev: d.git_rev, cluster: d.cluster, namespace: d.namespace }),
          });
    } catch (error) {
      if (!(error instanceof AlertmanagerError)) throw error;
      throw new AlertmanagerError(`no silence could be created, so nothing was deployed (deploying unsilenced would page on-call): ${error.message}`, error.retryable, error.status);
    }
    await em.execute(`update deployment set silence_id = ?, silence_ends_at = ? where id = ?`, [id, endsAt, d.id]);
    d.silence_id = id;
    d.silence_ends_at = endsAt;
  }

  /** The lease: a deployment that outlives half its silence gets it extended by SILENCE_DURATION. */
  private async extendSilence(d: AttemptRow): Promise<void> {
    const alertmanager = this.integrations.alertmanager;
    if (!alertmanager || !d.silence_id || !d.silence_ends_at) return;
    if (new Date(d.silence_ends_at).getTime() - Date.now() > this.config.silenceDurationMs / 2) return;
    const endsAt = new Date(Date.now() + this.config.silenceDurationMs);
    try {
      const id = await alertmanager.extendSilence(d.silence_id, endsAt);
      await this.em.execute(`update deployment set silence_id = ?, silence_ends_at = ? where id = ? and attempt = ?`, [id, endsAt, d.id, d.attempt]);
    } catch (error) {
      this.logger.warn(`could not extend silence ${d.silence_id} of deployment ${d.id}: ${(error as Error).message}`);
    }
  }

  /** The outcome the webhook brought (recorded by the registry), if it came. */
  private async reportedOutcome(d: AttemptRow): Promise<{ outcome: Outcome; buildUrl: string | null } | undefined> {
    // The job too, though the recorder attaches a report only to its own job's deployment: no other job may settle this one.
    const [report] = await this.em.execute<Array<{ result: string; build_url: string | null; build_number: number }>>(
      `select result, build_url, build_number from deployment_report
        where deployment_id = ? and parameters->>'HYDRATOR_DEPLOYMENT_ID' = ? and job_path = ? and phase in ('COMPLETED', 'FINALIZED')
        order by received_at limit 1`,
      [d.id, deploymentAttemptParameter(d.id, d.attempt), d.jenkins_job],
    );
    return report && { outcome: outcomeOf(report.result, report.build_number), buildUrl: report.build_url };
  }

  /** The outcome Jenkins shows when no webhook came (lost, late, or Jenkins' notifier misconfigured). */
  private async polledOutcome(d: AttemptRow): Promise<{ outcome: Outcome; buildUrl: string | null } | undefined> {
    const jenkins = this.integrations.jenkins;
    if (!jenkins) return undefined;
    let buildUrl = d.jenkins_build_url;
    if (!buildUrl && d.jenkins_queue_url) {
      const item = await this.queueItemOrBuild(d);
      if (item.state === 'cancelled') return { outcome: { status: DeploymentStatus.FAILED, error: 'the Jenkins queue item was cancelled' }, buildUrl: null };
      if (item.build) {
        buildUrl = item.build.url;
        const rows = await this.em.execute<ChangedDeploymentRow[]>(
          `update deployment set jenkins_build_url = ?, version = version + 1, updated_at = now() where id = ? and attempt = ? returning ${CHANGED_DEPLOYMENT_COLUMNS}`,
          [buildUrl, d.id, d.attempt],
        );
        this.feed.publish(...rows.map(deploymentRowChange));
      }
    }
    if (!buildUrl) return undefined;
    const build = await jenkins.build(buildUrl);
    if (build.building || !build.result) return undefined;
    return { outcome: outcomeOf(build.result, build.number), buildUrl };
  }

  /**
   * Where the attempt's queue item went. Jenkins forgets a queue item minutes after it starts (and on a
   * restart): then the build is found by the attempt's HYDRATOR_DEPLOYMENT_ID instead.
   */
  private async queueItemOrBuild(d: AttemptRow): Promise<{ state: string; build?: { url: string } }> {
    const jenkins = this.integrations.jenkins!;
    try {
      return await jenkins.queueItem(d.jenkins_queue_url!);
    } catch (error) {
      if (!(error instanceof JenkinsError) || error.code !== JenkinsErrorCode.NOT_FOUND) throw error;
      const found = await jenkins.findByParameter(d.jenkins_job, 'HYDRATOR_DEPLOYMENT_ID', deploymentAttemptParameter(d.id, d.attempt));
      if (found?.kind === 'build') return { state: 'started', build: { url: found.url } };
      if (found?.kind === 'queued') return { state: 'waiting' };
      return { state: 'cancelled' };
    }
  }

  private scheduleCheck(deploymentId: string, attempt: number): Promise<void> {
    const poll = this.config.jenkinsPollIntervalMs;
    return this.jobs.check(deploymentId, attempt, Math.floor(Date.now() / poll) + 1, poll);
  }
}

function isCurrent(d: AttemptRow | undefined, attempt: number): d is AttemptRow {
  return !!d && d.attempt === attempt && (d.status === DeploymentStatus.QUEUED || d.status === DeploymentStatus.RUNNING);
}

function outcomeOf(result: string, buildNumber: number): Outcome {
  return result === 'SUCCESS' ? { status: DeploymentStatus.SUCCEEDED } : { status: DeploymentStatus.FAILED, error: `Jenkins build #${buildNumber} finished ${result}` };
}
