import { Client } from 'pg';

/** Prototype reports per application: a staging run every ~40 hours for three weeks, runs 11 and 12 after the cutoff (the SQL below counts on 13). */
export const PROTOTYPE_REPORTS = 13;
/** Production targets per application, each with this many reports. */
export const PRODUCTION_TARGETS = 3;
export const REPORTS_PER_PRODUCTION_TARGET = 4;
export const REPORTS_PER_APPLICATION = PROTOTYPE_REPORTS + PRODUCTION_TARGETS * REPORTS_PER_PRODUCTION_TARGET;

/**
 * Application `i`'s kind, by `i` modulo 20, 50 or 100, so that every size has the same mix:
 * i % 20 = 0: production (all three targets) already runs the rev planning picks;
 * i % 20 = 1: one production target already runs it, two do not;
 * i % 50 = 7: every prototype run before the cutoff failed (left out: nothing to deploy);
 * i % 50 = 13: production never had a successful run (first deployment, no previous rev);
 * i % 100 = 3: frozen; i % 100 = 4 and 5: a thawed and an expired freeze (not frozen);
 * (3i + j) % 7 = 0: prototype run j failed, (i + j) % 11 = 0: it never completed (STARTED only),
 * so the latest run before the cutoff is often not the one picked.
 */
export const FLEET_MIX = {
  current: 'i % 20 = 0',
  partlyCurrent: 'i % 20 = 1',
  noPrototypeBeforeCutoff: 'i % 50 = 7',
  firstDeployment: 'i % 50 = 13',
  frozen: 'i % 100 = 3',
} as const;

// Ids are md5 of a readable key, so the statements below find each other's rows without a lookup.
const APP_ID = `md5('app-' || i)::uuid`;
const TARGET_ID = `md5('target-' || i || '-' || k)::uuid`;
// Rev r of application i, 40 hex digits like a git sha.
const REV = (r: string) => `left(encode(sha256(convert_to('app-' || i || '@' || ${r}, 'UTF8')), 'hex'), 40)`;

/**
 * Empties the database and fills it with `applications` applications, each with one PROTOTYPE and three
 * PRODUCTION targets and {@link REPORTS_PER_APPLICATION} deployment reports around `cutoff`, in a
 * handful of `insert … select generate_series` statements, then analyzes it. Returns the row counts.
 */
export async function loadFleet(client: Client, applications: number, cutoff: Date, now: Date): Promise<Record<string, number>> {
  // Every table but the migrations' bookkeeping, whatever later migrations add.
  const { rows: tables } = await client.query<{ name: string }>(`select format('%I', tablename) as name from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations'`);
  await client.query(`truncate ${tables.map((table) => table.name).join(', ')} restart identity cascade`);
  await client.query(
    `insert into application (id, name, github_repo, slack_channel, jenkins_job, owners, created_at, updated_at)
     select ${APP_ID}, name, 'acme/' || name, '#team-' || (i % 150), 'deploy/' || name, array['team-' || (i % 150)], $2::timestamptz - interval '400 days', $2::timestamptz - interval '400 days'
       from generate_series(1, $1::int) i, lateral (select 'app-' || lpad(i::text, 5, '0') as name) n`,
    [applications, now],
  );
  await client.query(
    `insert into target (id, application_id, cluster, environment, namespace, role, position, created_at)
     select ${TARGET_ID}, ${APP_ID}, (array['stage-1', 'prod-us', 'prod-eu', 'prod-ap'])[k + 1],
            case when k = 0 then 'staging' else 'production' end, a.name,
            case when k = 0 then 'PROTOTYPE' else 'PRODUCTION' end, greatest(k - 1, 0), a.created_at
       from generate_series(1, $1::int) i cross join generate_series(0, $2::int) k join application a on a.id = ${APP_ID}`,
    [applications, PRODUCTION_TARGETS],
  );
  await client.query(
    `with run as (
       -- prototype run j of app i deploys rev j; runs 11 and 12 finish after the cutoff.
       select i, 0 as k, j, j as rev, $2::timestamptz + (j - 10.5) * interval '40 hours' + (i % 17) * interval '1 minute' as finished_at,
              case when ${FLEET_MIX.noPrototypeBeforeCutoff} and j <= 10 then 'FAILURE'
                   when (3 * i + j) % 7 = 0 and not (j = 10 and i % 20 < 2) then 'FAILURE'
                   when (i + j) % 11 = 0 and j <> 10 then 'STARTED'
                   else 'SUCCESS' end as result
         from generate_series(1, $1::int) i cross join generate_series(0, $3::int - 1) j
       union all
       -- production run j of target k deploys the older prototype rev 2 + 2j a day after staging got it,
       -- or, last, the rev planning will pick (rev 10) on the applications already current.
       select i, k, j, rev, $2::timestamptz + (rev - 10.5) * interval '40 hours' + (26 + k) * interval '1 hour' as finished_at,
              case when ${FLEET_MIX.firstDeployment} then 'FAILURE'
                   when (i + j + k) % 9 = 0 and not (j = $5::int - 1 and i % 20 < 2) then 'FAILURE'
                   else 'SUCCESS' end as result
         from generate_series(1, $1::int) i cross join generate_series(1, $4::int) k cross join generate_series(0, $5::int - 1) j,
              lateral (select case when j = $5::int - 1 and (${FLEET_MIX.current} or (${FLEET_MIX.partlyCurrent} and k = 1)) then 10 else 2 + 2 * j end as rev) r
     )
     insert into deployment_report (id, job_path, build_number, phase, result, git_rev, branch, build_url, parameters, application_id, target_id, started_at, finished_at, received_at)
     select md5('report-' || i || '-' || k || '-' || j)::uuid, a.jenkins_job, 100 * k + j + 1,
            case when run.result = 'STARTED' then 'STARTED' when (i + j) % 5 = 0 then 'FINALIZED' else 'COMPLETED' end,
            run.result, ${REV('run.rev')}, 'main', 'https://jenkins.example/job/deploy/job/' || a.name || '/' || (100 * k + j + 1) || '/',
            jsonb_build_object('GIT_REV', ${REV('run.rev')}, 'CLUSTER', t.cluster, 'ENVIRONMENT', t.environment, 'NAMESPACE', t.namespace),
            a.id, t.id, run.finished_at - interval '4 minutes', run.finished_at, run.finished_at + interval '2 seconds'
       from run join application a on a.id = ${APP_ID} join target t on t.id = ${TARGET_ID}`,
    [applications, cutoff, PROTOTYPE_REPORTS, PRODUCTION_TARGETS, REPORTS_PER_PRODUCTION_TARGET],
  );
  await client.query(
    `insert into "freeze" (id, application_id, reason, until, created_by, created_at, thawed_at, thawed_by)
     select md5('freeze-' || i)::uuid, ${APP_ID}, 'incident INC-' || i, case when i % 100 = 5 then $2::timestamptz - interval '1 hour' end,
            'bench', $2::timestamptz - interval '2 days', case when i % 100 = 4 then $2::timestamptz - interval '1 day' end, case when i % 100 = 4 then 'bench' end
       from generate_series(1, $1::int) i where i % 100 in (3, 4, 5)`,
    [applications, now],
  );
  await client.query('analyze');
  const { rows } = await client.query<Record<string, string>>(
    `select (select count(*) from application) as applications, (select count(*) from target) as targets,
            (select count(*) from deployment_report) as reports, (select count(*) from "freeze") as freezes`,
  );
  return Object.fromEntries(Object.entries(rows[0]).map(([key, value]) => [key, Number(value)]));
}
