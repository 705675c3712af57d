import { Client } from 'pg';
import { emptyDatabase } from './hydrator-under-test';
import { ReportedTarget, WebhookLoad, webhookReport } from './ingest-load';

/** 100 applications × 5 production targets: the 500 deployments of the rollout `currentRollout` reads. */
export const APPLICATIONS = 100;
export const TARGETS_PER_APPLICATION = 5;

/**
 * Empties the database and registers `app-1`…`app-100` (Jenkins job `deploy/app-<i>`, each depending on
 * the one before it but every tenth), each on `prod-0`…`prod-4`. Returns the targets, as reports name them.
 */
export async function seedFleet(db: Client): Promise<ReportedTarget[]> {
  await emptyDatabase(db);
  await db.query(
    `insert into application (id, name, github_repo, slack_channel, jenkins_job, owners, created_at, updated_at)
     select gen_random_uuid(), 'app-' || i, 'acme/app-' || i, '#team-' || i, 'deploy/app-' || i, '{}', now(), now() from generate_series(1, $1::int) i`,
    [APPLICATIONS],
  );
  await db.query(
    `insert into target (id, application_id, cluster, environment, namespace, role, position, created_at)
     select gen_random_uuid(), a.id, 'prod-' || p, 'production', a.name, 'PRODUCTION', p, now() from application a, generate_series(0, $1::int - 1) p`,
    [TARGETS_PER_APPLICATION],
  );
  await db.query(`insert into dependency (id, application_id, depends_on_id, created_at)
                  select gen_random_uuid(), a.id, b.id, now() from application a join application b on b.name = 'app-' || (substr(a.name, 5)::int - 1)
                   where substr(a.name, 5)::int % 10 <> 1`);
  const { rows } = await db.query<ReportedTarget>(
    `select a.jenkins_job as job, t.cluster, t.environment, t.namespace from target t join application a on a.id = t.application_id order by a.name, t.position`,
  );
  return rows;
}

/**
 * A RUNNING weekly rollout of every target, as the dashboard sees one on Wednesday: the first fifth
 * SUCCEEDED (STARTED and COMPLETED reports), the next 20 RUNNING (a STARTED report, a queue link), the
 * rest SCHEDULED. Build numbers stay below the webhook loads' (which start at a million).
 */
export async function seedRollout(db: Client): Promise<number> {
  await db.query(`insert into rollout (id, kind, status, week_of, cutoff, skipped, created_by, created_at, updated_at, started_at)
                  values (gen_random_uuid(), 'WEEKLY', 'RUNNING', to_char(now(), 'IYYY-"W"IW'), now() - interval '2 days', '[]', 'bench', now(), now(), now())`);
  const { rowCount } = await db.query(
    `insert into deployment (id, rollout_id, application_id, target_id, git_rev, previous_rev, shortlog, status, attempt, jenkins_queue_url, started_at, finished_at, created_at, updated_at)
     select gen_random_uuid(), r.id, t.application_id, t.id, md5(t.id::text) || 'abcdefgh', md5(a.name), '[]',
            case when n <= 100 then 'SUCCEEDED' when n <= 120 then 'RUNNING' else 'SCHEDULED' end,
            case when n <= 120 then 1 else 0 end,
            case when n <= 120 then 'http://jenkins.bench/queue/item/' || n || '/' end,
            case when n <= 120 then now() - interval '10 minutes' end,
            case when n <= 100 then now() - interval '5 minutes' end, now(), now()
       from rollout r, (select t.*, row_number() over (order by a.name, t.position) as n from target t join application a on a.id = t.application_id) t
       join application a on a.id = t.application_id`,
  );
  await db.query(
    `insert into deployment_report (id, job_path, build_number, phase, result, build_url, parameters, deployment_id, application_id, target_id, started_at, finished_at, received_at)
     select gen_random_uuid(), a.jenkins_job, row_number() over (), p.phase, case p.phase when 'STARTED' then 'STARTED' else 'SUCCESS' end,
            'http://jenkins.bench/job/' || a.name || '/1/', jsonb_build_object('HYDRATOR_DEPLOYMENT_ID', d.id || ':1'), d.id, d.application_id, d.target_id,
            d.started_at, coalesce(d.finished_at, d.started_at), now()
       from deployment d join application a on a.id = d.application_id
       join lateral (values ('STARTED'), ('COMPLETED')) p(phase) on p.phase = 'STARTED' or d.status = 'SUCCEEDED'
      where d.attempt = 1`,
  );
  await db.query('analyze');
  return rowCount ?? 0;
}

/** Webhooks stored but not yet recorded by the registry. */
export async function unrecordedWebhooks(db: Client): Promise<number> {
  return (await db.query<{ n: number }>(`select count(*)::int as n from jenkins_webhook where processed_at is null`)).rows[0].n;
}

/** How the reports of a load were stored: accepted ones missing, any stored twice, and stored ones never answered 202. */
export interface StoredCheck {
  accepted: number;
  missing: string[];
  doubled: string[];
  storedWithout202: number;
}

/** Counts, by job, build number and phase, the recorded reports (`deployment_report`) of the builds `load` sent. */
export async function checkStored(db: Client, load: WebhookLoad, sent: number, accepted: number[]): Promise<StoredCheck> {
  const { rows } = await db.query<{ key: string; n: number }>(
    `select job_path || '#' || build_number || '#' || phase as key, count(*)::int as n from deployment_report
      where build_number >= $1 and build_number <= $2 group by job_path, build_number, phase`,
    [load.firstBuild, load.firstBuild + Math.ceil(sent / 2)],
  );
  const stored = new Map(rows.map((row) => [row.key, row.n]));
  const keys = accepted.map((i) => {
    const report = webhookReport(load, i);
    return `${report.target.job}#${report.number}#${report.phase}`;
  });
  return {
    accepted: keys.length,
    missing: keys.filter((key) => !stored.has(key)),
    doubled: rows.filter((row) => row.n > 1).map((row) => row.key),
    storedWithout202: Math.max(0, rows.length - keys.length),
  };
}
