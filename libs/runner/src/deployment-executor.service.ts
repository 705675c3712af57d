import { addLogContext } from '@hydrator/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { DeploymentStatus, Rollout } from '@hydrator/database';
import { ALERTMANAGER_TIMEOUT_MS } from '@hydrator/alertmanager';
import { JENKINS_TIMEOUT_MS, JenkinsError, JenkinsErrorCode } from '@hydrator/jenkins';
import { ChangeFeed, DeploymentTransitions, PendingChanges, sql } from '@hydrator/live';
import { HydratorMetrics } from '@hydrator/metrics';
import { ANNOUNCEMENT_LATERAL } from '@hydrator/notifier';
import { deploymentAttemptParameter } from '@hydrator/registry';
import { AttemptSilences, HeldSilence } from './attempt-silences';
import { HANDOFF_SECONDS, HandoffLatency } from './handoff-latency';
import { RolloutRunner } from './rollout-runner.service';
import { RunAnnouncements } from './run-announcements';
import { RolloutJobs } from './rollout-jobs';
import { RunnerIntegrations } from './runner-integrations';

/**
 * How long an execution that recorded the intent to trigger may still be calling Alertmanager and
 * Jenkins (one call each after the intent, each bounded by its client's timeout, plus a margin for the
 * statements around them): another execution of the attempt that finds the intent looks Jenkins up only
 * after it, so it cannot miss a trigger still in flight. 25 s with the clients' 10 s timeouts.
 */
export const TRIGGER_LEASE_MS = ALERTMANAGER_TIMEOUT_MS + JENKINS_TIMEOUT_MS + 5_000;

/** The columns of {@link AttemptRow}, from `deployment d`, `application a` and `target t`. */
const ATTEMPT_COLUMNS = `d.id, d.status, d.attempt, d.git_rev, d.silence_id, d.silence_ends_at, d.jenkins_queue_url, d.jenkins_build_url, d.started_at, d.updated_at,
  d.trigger_requested_at, d.rollout_id, a.name as application, a.jenkins_job, t.cluster, t.environment, t.namespace`;

/** What an earlier execution of an attempt left in Alertmanager and Jenkins. */
interface EarlierTrigger {
  silence: HeldSilence | undefined;
  queueUrl?: string | null;
  buildUrl?: string | null;
}

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
  /** When an execution set out to silence and trigger this attempt (see {@link DeploymentExecutor.execute}). */
  trigger_requested_at: Date | null;
  rollout_id: string;
  application: string;
  jenkins_job: string;
  cluster: string;
  environment: string;
  namespace: string;
}

/** The attempt with the first completion report of its own build, if the webhook brought one, and its team message, if one announced it. */
interface CheckedAttemptRow extends AttemptRow {
  report_result: string | null;
  report_build_url: string | null;
  report_build_number: number | null;
  announcement_id: string | null;
  announcement_destination: string | null;
}

/** What an execution did; `waitUntil`: another execution may be triggering it, look again then. */
export type ExecuteResult = string | { waitUntil: number };

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
    private readonly transitions: DeploymentTransitions,
    private readonly silences: AttemptSilences,
    private readonly runner: RolloutRunner,
  ) {}

  /**
   * Silence, then trigger Jenkins, without a row lock across either call. The intent is recorded first
   * (`trigger_requested_at`, one statement that also reads the attempt): the execution that records it
   * triggers at once. One that finds it recorded may be racing one still under way (a stalled job handed
   * to another replica, a job added again after Redis lost its data), so unless the last run of its own
   * job ended (`previousRunEnded`: a retry after an error), it waits out {@link TRIGGER_LEASE_MS} from
   * the intent, then takes the intent over and asks Alertmanager and Jenkins what the earlier one left
   * (its silence, its queue item or build) before triggering: never two builds for one attempt.
   */
  async execute(deploymentId: string, attempt: number, previousRunEnded = false): Promise<ExecuteResult> {
    const claimed = await this.claim(deploymentId, attempt);
    if (claimed) return this.trigger(claimed, undefined);
    const d = await this.load(deploymentId);
    if (!isCurrent(d, attempt)) return 'stale';
    if (d.status === DeploymentStatus.RUNNING) {
      await this.scheduleCheck(d.id, attempt);
      return 'already triggered';
    }
    const leaseEnds = new Date(d.trigger_requested_at ?? 0).getTime() + TRIGGER_LEASE_MS;
    if (!previousRunEnded && Date.now() < leaseEnds) return { waitUntil: leaseEnds };
    if (!(await this.takeOver(d))) return 'taken over by another execution';
    return this.trigger(d, await this.earlierTrigger(d));
  }

  /**
   * Records the intent on a QUEUED attempt nobody set out to trigger yet, reading the attempt in the same
   * statement. One that carries a build link already (Jenkins reported a build of it) is not claimed: it is adopted.
   */
  private async claim(deploymentId: string, attempt: number): Promise<AttemptRow | undefined> {
    const [row] = await this.em.execute<AttemptRow[]>(
      `update deployment d set trigger_requested_at = now()
         from application a, target t
        where d.id = ? and d.attempt = ? and d.status = ? and d.trigger_requested_at is null and d.jenkins_build_url is null
          and a.id = d.application_id and t.id = d.target_id
        returning ${ATTEMPT_COLUMNS}`,
      [deploymentId, attempt, DeploymentStatus.QUEUED],
    );
    if (row) addLogContext({ rolloutId: row.rollout_id, deploymentId: row.id, attempt: row.attempt });
    return row;
  }

  /** Moves the intent to this execution (compare-and-set on the one it found), so that of two recovering executions one goes on. */
  private async takeOver(d: AttemptRow): Promise<boolean> {
    const rows = await this.em.execute<Array<{ trigger_requested_at: Date }>>(
      `update deployment set trigger_requested_at = now() where id = ? and attempt = ? and status = ? and trigger_requested_at is not distinct from ? returning trigger_requested_at`,
      [d.id, d.attempt, DeploymentStatus.QUEUED, d.trigger_requested_at],
    );
    if (rows.length) d.trigger_requested_at = rows[0].trigger_requested_at;
    return rows.length > 0;
  }

  /**
   * What an earlier execution of the attempt left: its silence (found by the deployment id in its
   * comment) and its build or queue item (by the attempt's HYDRATOR_DEPLOYMENT_ID) — or the build link
   * the registry already recorded from Jenkins' report.
   */
  private async earlierTrigger(d: AttemptRow): Promise<EarlierTrigger> {
    const silence = await this.silences.adopt(d);
    if (d.jenkins_build_url) return { silence, queueUrl: null, buildUrl: d.jenkins_build_url };
    const existing = await this.integrations.jenkins?.findByParameter(d.jenkins_job, 'HYDRATOR_DEPLOYMENT_ID', deploymentAttemptParameter(d.id, d.attempt));
    if (!existing) return { silence };
    return { silence, queueUrl: existing.kind === 'queued' ? existing.queueUrl : null, buildUrl: existing.kind === 'build' ? existing.url : null };
  }

  /** Silences the target and triggers Jenkins (or adopts what `earlier` found), then marks the attempt RUNNING. */
  private async trigger(d: AttemptRow, earlier: EarlierTrigger | undefined): Promise<string> {
    const jenkins = this.integrations.jenkins;
    if (!jenkins) return this.settle(d, { status: DeploymentStatus.FAILED, error: 'JENKINS_URL is not configured: Hydrator cannot trigger deployments' });
    const silence = earlier ? earlier.silence : await this.silences.create(d);
    // Recorded before Jenkins runs: whoever settles the attempt expires it, even if this execution dies next.
    if (silence && silence.id !== d.silence_id) await this.silences.record(d, silence);
    const adopted = earlier && (earlier.queueUrl || earlier.buildUrl);
    // A recovery's look-ups took calls of their own: its intent is stamped again, so the lease covers its trigger alone.
    if (earlier && !adopted && !(await this.takeOver(d))) return 'taken over by another execution';
    const queueUrl = adopted ? (earlier.queueUrl ?? null) : (await jenkins.trigger(d.jenkins_job, this.parameters(d))).queueUrl;
    const rows = await this.transitions.apply<{ handoff_seconds?: number | null }>(
      this.em,
      { id: d.id, attempt: d.attempt },
      {
        from: [DeploymentStatus.QUEUED],
        to: DeploymentStatus.RUNNING,
        returning: adopted || d.attempt !== 1 ? undefined : HANDOFF_SECONDS,
        set: {
          started_at: sql('coalesce(started_at, now())'),
          jenkins_queue_url: queueUrl,
          // The registry may have recorded the build's link from its STARTED report already.
          jenkins_build_url: sql('coalesce(jenkins_build_url, ?)', earlier?.buildUrl ?? null),
        },
      },
    );
    if (rows.length === 0) {
      // Settled meanwhile: its build's report came before this update (a build of milliseconds).
      if (silence) await this.silences.expire({ id: d.id, silence_id: silence.id });
      return 'settled before it was marked running';
    }
    if (adopted) this.logger.log(`adopted the Jenkins ${earlier.buildUrl ? 'build' : 'queue item'} of ${d.application} attempt ${d.attempt} instead of triggering again`);
    else this.logger.log(`triggered Jenkins job ${d.jenkins_job} for ${d.application} on ${d.cluster}/${d.namespace}, attempt ${d.attempt}`);
    this.handoff.triggered(d.attempt, rows[0].handoff_seconds);
    await this.scheduleCheck(d.id, d.attempt);
    return 'triggered';
  }

  /** The outcome from the webhook report if it came, else from Jenkins; times out; extends the silence. */
  async check(deploymentId: string, attempt: number): Promise<string> {
    const d = await this.load(deploymentId);
    if (!isCurrent(d, attempt)) return 'stale';
    const reported = reportedOutcome(d);
    // A build of milliseconds may report before its execution marked it RUNNING: the report settles it.
    if (reported) return this.settle(d, reported.outcome, reported.buildUrl);
    if (d.status === DeploymentStatus.QUEUED) {
      await this.jobs.execute(d.id, attempt);
      return 'not started yet';
    }
    const outcome = await this.polledOutcome(d);
    if (outcome) return this.settle(d, outcome.outcome, outcome.buildUrl);
    if (d.started_at && Date.now() - new Date(d.started_at).getTime() > this.config.deployTimeoutMs) {
      return this.settle(d, { status: DeploymentStatus.FAILED, error: `no outcome from Jenkins within DEPLOY_TIMEOUT (${Math.round(this.config.deployTimeoutMs / 60000)} min)` });
    }
    await this.silences.extend(d);
    await this.scheduleCheck(d.id, attempt);
    return 'running';
  }

  /**
   * Marks the attempt finished (once) and, in the same transaction, updates its team message and tells the
   * support channel and the week's thread of a failure; then advances the rollout in this job (no queue
   * hop between a deployment's end and the decision that starts the next) and expires the silence.
   */
  async settle(d: AttemptRow | CheckedAttemptRow, outcome: Outcome, buildUrl: string | null = null): Promise<string> {
    const messages: string[] = [];
    const changes = new PendingChanges();
    let duration: number | null = null;
    const finish = async (em: EntityManager) => {
      const rows = await this.transitions.apply<{ duration_seconds: number | null }>(
        em,
        { id: d.id, attempt: d.attempt },
        {
          from: [DeploymentStatus.QUEUED, DeploymentStatus.RUNNING],
          to: outcome.status,
          set: { finished_at: sql('now()'), error: outcome.status === DeploymentStatus.FAILED ? outcome.error : null, jenkins_build_url: sql('coalesce(?, jenkins_build_url)', buildUrl) },
          returning: 'extract(epoch from finished_at - started_at)::float8 as duration_seconds',
        },
        changes,
      );
      duration = rows[0]?.duration_seconds ?? null;
      return rows.length > 0;
    };
    const announcement = 'announcement_id' in d ? (d.announcement_id ? { id: d.announcement_id, destination: d.announcement_destination! } : null) : undefined;
    // A success no message follows (an emergency's: no team message) is one statement; anything told is written with it.
    const settled =
      outcome.status === DeploymentStatus.SUCCEEDED && announcement === null
        ? await finish(this.em)
        : await this.em.fork().transactional(async (em) => {
            if (!(await finish(em))) return false;
            // A success's messages need only the rollout's id; a failure's alert names its week.
            const rollout = outcome.status === DeploymentStatus.FAILED ? await em.findOneOrFail(Rollout, { id: d.rollout_id }) : em.getReference(Rollout, d.rollout_id);
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
            messages.push(...(await this.announcements.settled(em, rollout, d.id, d.attempt, failure, announcement)));
            return true;
          });
    this.feed.publish(...changes.committed());
    if (!settled) return 'already settled';
    this.logger.log(`deployment of ${d.application} on ${d.cluster}/${d.namespace} ${outcome.status}${outcome.status === DeploymentStatus.FAILED ? `: ${outcome.error}` : ''}`);
    // An attempt that never started (no Jenkins) has no duration.
    if (duration !== null) this.metrics.deploymentDuration.observe({ application: d.application, status: outcome.status }, Number(duration));
    // The next deployment first: the silence of this one is expired after the decision that starts it.
    await Promise.all([this.announcements.dispatch(messages), this.runner.advance(d.rollout_id)]);
    await this.silences.expire(d);
    return outcome.status;
  }

  /** Advances the rollout the deployment belongs to. */
  async advanceRolloutOf(deploymentId: string): Promise<void> {
    const [d] = await this.em.execute<Array<{ rollout_id: string }>>(`select rollout_id from deployment where id = ?`, [deploymentId]);
    if (d) await this.runner.advance(d.rollout_id);
  }

  /** Expires the silence of a finished deployment; on failure it stays recorded and the reconciler retries. */
  expireSilence(d: Pick<AttemptRow, 'id' | 'silence_id'>): Promise<void> {
    return this.silences.expire(d);
  }

  /** The attempt as it is now, with the completion report of its own build if one came and its team message, in one query. */
  async load(deploymentId: string): Promise<CheckedAttemptRow | undefined> {
    const [row] = await this.em.execute<CheckedAttemptRow[]>(
      `select ${ATTEMPT_COLUMNS}, report.result as report_result, report.build_url as report_build_url, report.build_number as report_build_number,
              announcement.id as announcement_id, announcement.destination as announcement_destination
         from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id
         left join ${ANNOUNCEMENT_LATERAL} announcement on true
         -- The job too, though the recorder attaches a report only to its own job's deployment: no other job may settle this one.
         left join lateral (select r.result, r.build_url, r.build_number from deployment_report r
                             where r.deployment_id = d.id and r.parameters->>'HYDRATOR_DEPLOYMENT_ID' = d.id || ':' || d.attempt and r.job_path = a.jenkins_job
                               and r.phase in ('COMPLETED', 'FINALIZED')
                             order by r.received_at limit 1) report on true
        where d.id = ?`,
      [deploymentId],
    );
    if (row) addLogContext({ rolloutId: row.rollout_id, deploymentId: row.id, attempt: row.attempt });
    return row;
  }

  private parameters(d: AttemptRow): Record<string, string> {
    return { GIT_REV: d.git_rev, CLUSTER: d.cluster, ENVIRONMENT: d.environment, NAMESPACE: d.namespace, HYDRATOR_DEPLOYMENT_ID: deploymentAttemptParameter(d.id, d.attempt) };
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
        await this.transitions.apply(this.em, { id: d.id, attempt: d.attempt }, { set: { jenkins_build_url: buildUrl } });
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

/** The outcome the webhook brought (recorded by the registry), if it came. */
function reportedOutcome(d: CheckedAttemptRow): { outcome: Outcome; buildUrl: string | null } | undefined {
  return d.report_result === null ? undefined : { outcome: outcomeOf(d.report_result, d.report_build_number!), buildUrl: d.report_build_url };
}

function outcomeOf(result: string, buildNumber: number): Outcome {
  return result === 'SUCCESS' ? { status: DeploymentStatus.SUCCEEDED } : { status: DeploymentStatus.FAILED, error: `Jenkins build #${buildNumber} finished ${result}` };
}
