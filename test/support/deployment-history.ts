import { TestHydrator } from '@hydrator/testing';

/** A production deployment as history recorded it; times are exact so that figures can be checked to the second. */
export interface PastDeployment {
  application: string;
  cluster: 'prod-us' | 'prod-eu';
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'BLOCKED' | 'RUNNING' | 'SCHEDULED';
  startedAt?: string;
  finishedAt?: string;
  /** Finish of the prototype (staging) report the rev was planned from; none for a rev typed in by hand. */
  prototypeFinishedAt?: string;
}

/**
 * Writes deployment history straight into PostgreSQL, as the runner would have left it, for tests of
 * figures computed over time. Each application gets a prototype target `stage-1` and production
 * targets `prod-us` and `prod-eu`; each deployment its own emergency rollout.
 */
export class DeploymentHistory {
  private readonly targets = new Map<string, { applicationId: string; targetIds: Record<string, string> }>();
  private buildNumber = 0;

  constructor(private readonly hydrator: TestHydrator) {}

  async application(name: string): Promise<void> {
    const [{ id }] = await this.sql(
      `insert into application (id, name, github_repo, slack_channel, jenkins_job, owners, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, '{}', now(), now()) returning id`,
      [name, `acme/${name}`, `#team-${name}`, `deploy/${name}`],
    );
    const targetIds: Record<string, string> = {};
    for (const [position, [cluster, environment, role]] of [['stage-1', 'staging', 'PROTOTYPE'], ['prod-us', 'production', 'PRODUCTION'], ['prod-eu', 'production', 'PRODUCTION']].entries()) {
      const [target] = await this.sql(
        `insert into target (id, application_id, cluster, environment, namespace, role, position, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now()) returning id`,
        [id, cluster, environment, name, role, role === 'PROTOTYPE' ? 0 : position - 1],
      );
      targetIds[cluster] = target.id;
    }
    this.targets.set(name, { applicationId: id, targetIds });
  }

  async deployment(past: PastDeployment): Promise<void> {
    const { applicationId, targetIds } = this.targets.get(past.application)!;
    const rev = `rev-${++this.buildNumber}`;
    const sourceReportId = past.prototypeFinishedAt ? await this.prototypeReport(past.application, targetIds['stage-1'], rev, past.prototypeFinishedAt) : null;
    const [rollout] = await this.sql(
      `insert into rollout (id, kind, status, skipped, reason, created_at, updated_at)
       values (gen_random_uuid(), 'EMERGENCY', 'COMPLETED', '[]', 'history written by a test', now(), now()) returning id`,
    );
    await this.sql(
      `insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, source_report_id, started_at, finished_at, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, '[]', ?, 1, ?, ?, ?, now(), now())`,
      [rollout.id, applicationId, targetIds[past.cluster], rev, past.status, sourceReportId, past.startedAt ?? null, past.finishedAt ?? null],
    );
  }

  private async prototypeReport(application: string, targetId: string, rev: string, finishedAt: string): Promise<string> {
    const [report] = await this.sql(
      `insert into deployment_report (id, job_path, build_number, phase, result, git_rev, parameters, application_id, target_id, started_at, finished_at, received_at)
       values (gen_random_uuid(), ?, ?, 'COMPLETED', 'SUCCESS', ?, '{}', ?, ?, ?::timestamptz - interval '1 minute', ?, now()) returning id`,
      [`deploy/${application}`, this.buildNumber, rev, this.targets.get(application)!.applicationId, targetId, finishedAt, finishedAt],
    );
    return report.id;
  }

  private sql(query: string, params: unknown[] = []): Promise<Array<{ id: string }>> {
    return this.hydrator.orm.em.fork().getConnection().execute(query, params);
  }
}
