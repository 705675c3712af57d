import { Migration } from '@mikro-orm/migrations';

/**
 * Deployment stability as SQL views, for the `stability` GraphQL query and for Metabase.
 *
 * Only finished production deployments count: SUCCEEDED or FAILED. CANCELED and BLOCKED ones never
 * ran, and SCHEDULED, QUEUED or RUNNING ones have no outcome yet. A retried deployment is one row, as
 * of its latest attempt (a retry resets its start and finish), with `attempt` saying how many it took.
 *
 * Weeks are ISO weeks of `finished_at` in UTC, not in HYDRATOR_TIMEZONE: a view cannot read the
 * process configuration, and the API answers exactly what the views say. `finished_at` is exposed
 * for anyone who wants to bucket in another zone.
 */
export class Migration20261129200000StabilityViews extends Migration {
  override up(): void {
    this.addSql(`create view "stability_deployment" as
      select d.id as deployment_id, d.rollout_id, r.kind as rollout_kind, d.application_id, a.name as application,
             t.cluster, t.environment, t.namespace, d.git_rev, d.status, d.attempt, d.started_at, d.finished_at,
             to_char(d.finished_at at time zone 'UTC', 'IYYY-"W"IW') as week,
             date_trunc('week', d.finished_at at time zone 'UTC')::date as week_start,
             extract(epoch from d.finished_at - d.started_at)::float8 as duration_s,
             p.finished_at as prototype_finished_at,
             -- Lead time is staging to production: a failed deployment put nothing in production.
             case when d.status = 'SUCCEEDED' then extract(epoch from d.finished_at - p.finished_at)::float8 end as lead_time_s
        from "deployment" d
        join "application" a on a.id = d.application_id
        join "target" t on t.id = d.target_id and t.role = 'PRODUCTION'
        join "rollout" r on r.id = d.rollout_id
        left join "deployment_report" p on p.id = d.source_report_id
       where d.status in ('SUCCEEDED', 'FAILED') and d.finished_at is not null;`);
    // percentile_cont and avg skip nulls: a deployment without a start or a prototype report still counts in the totals.
    this.addSql(`create view "stability_weekly" as
      select application_id, application, week, week_start,
             count(*)::int as deployments,
             count(*) filter (where status = 'SUCCEEDED')::int as succeeded,
             count(*) filter (where status = 'FAILED')::int as failed,
             (count(*) filter (where status = 'SUCCEEDED'))::float8 / count(*) as success_rate,
             avg(duration_s) as mean_duration_s,
             percentile_cont(0.9) within group (order by duration_s) as p90_duration_s,
             avg(lead_time_s) as mean_lead_time_s,
             percentile_cont(0.9) within group (order by lead_time_s) as p90_lead_time_s
        from "stability_deployment"
       group by application_id, application, week, week_start;`);
  }

  override down(): void {
    this.addSql(`drop view if exists "stability_weekly";`);
    this.addSql(`drop view if exists "stability_deployment";`);
  }
}
