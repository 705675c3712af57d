import { TestHydrator } from '@hydrator/testing';

/** A production deployment as the runner would have left it; times are exact so that figures can be checked to the second. */
export interface PastDeployment {
  application: string;
  cluster: 'prod-us' | 'prod-eu';
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'BLOCKED' | 'RUNNING' | 'SCHEDULED';
  finishedAt?: string;
  /** Started this long before it finished; never started when absent. */
  durationSeconds?: number;
  /** Planned from a prototype (staging) report that finished this long before; typed in by hand when absent. */
  leadTimeSeconds?: number;
}

const TARGETS = [
  { cluster: 'stage-1', environment: 'staging', role: 'PROTOTYPE', position: 0 },
  { cluster: 'prod-us', environment: 'production', role: 'PRODUCTION', position: 0 },
  { cluster: 'prod-eu', environment: 'production', role: 'PRODUCTION', position: 1 },
];

/**
 * Writes deployment history straight into PostgreSQL, for tests of figures computed over time. Each
 * application gets the targets `stage-1` (prototype), `prod-us` and `prod-eu`; each deployment its
 * own emergency rollout, so any number can go to the same target.
 */
export class DeploymentHistory {
  private readonly applications = new Map<string, { id: string; targetIds: Map<string, string> }>();
  private builds = 0;

  constructor(private readonly hydrator: TestHydrator) {}

  async application(name: string): Promise<void> {
    const [{ id }] = await this.insert(
      `insert into application (id, name, github_repo, slack_channel, jenkins_job, owners, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, '{}', now(), now()) returning id`,
      [name, `acme/${name}`, `#team-${name}`, `deploy/${name}`],
    );
    const targetIds = new Map<string, string>();
    for (const target of TARGETS) {
      const [row] = await this.insert(
        `insert into target (id, application_id, cluster, environment, namespace, role, position, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now()) returning id`,
        [id, target.cluster, target.environment, name, target.role, target.position],
      );
      targetIds.set(target.cluster, row.id);
    }
    this.applications.set(name, { id, targetIds });
  }

  /** Returns the deployment's id. */
  async deployment(past: PastDeployment): Promise<string> {
    const application = this.applications.get(past.application)!;
    const rev = `rev-${++this.builds}`;
    const finishedAt = past.finishedAt ? new Date(past.finishedAt) : null;
    const before = (seconds: number | undefined) => (finishedAt && seconds !== undefined ? new Date(finishedAt.getTime() - seconds * 1000) : null);
    const prototypeFinishedAt = before(past.leadTimeSeconds);
    const [report] = prototypeFinishedAt
      ? await this.insert(
          `insert into deployment_report (id, job_path, build_number, phase, result, git_rev, parameters, application_id, target_id, started_at, finished_at, received_at)
           values (gen_random_uuid(), ?, ?, 'COMPLETED', 'SUCCESS', ?, '{}', ?, ?, ?, ?, now()) returning id`,
          [`deploy/${past.application}`, this.builds, rev, application.id, application.targetIds.get('stage-1'), prototypeFinishedAt, prototypeFinishedAt],
        )
      : [];
    const [rollout] = await this.insert(
      `insert into rollout (id, kind, status, skipped, created_at, updated_at) values (gen_random_uuid(), 'EMERGENCY', 'COMPLETED', '[]', now(), now()) returning id`,
    );
    const [deployment] = await this.insert(
      `insert into deployment (id, rollout_id, application_id, target_id, git_rev, shortlog, status, attempt, source_report_id, started_at, finished_at, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, '[]', ?, 1, ?, ?, ?, now(), now()) returning id`,
      [rollout.id, application.id, application.targetIds.get(past.cluster), rev, past.status, report?.id ?? null, before(past.durationSeconds), finishedAt],
    );
    return deployment.id;
  }

  private insert(query: string, params: unknown[] = []): Promise<Array<{ id: string }>> {
    return this.hydrator.orm.em.fork().getConnection().execute(query, params);
  }
}
