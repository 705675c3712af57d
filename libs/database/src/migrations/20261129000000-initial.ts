import { Migration } from '@mikro-orm/migrations';

/** The initial schema: registry, reports, rollouts, deployments, freezes and the audit trail. */
export class Migration20261129000000Initial extends Migration {
  override up(): void {
    this.addSql(
      `create table "application" ("id" uuid not null, "name" text not null, "github_repo" text not null, "slack_channel" text not null, "jenkins_job" text not null, "owners" text[] not null, "description" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "application_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "application" add constraint "application_name_unique" unique ("name");`);
    this.addSql(`create index "application_jenkins_job_index" on "application" ("jenkins_job");`);
    this.addSql(
      `create table "audit_event" ("id" uuid not null, "actor" text not null, "action" text not null, "subject_type" text not null, "subject_id" text not null, "details" jsonb not null, "created_at" timestamptz not null, constraint "audit_event_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_event_created_at_index" on "audit_event" ("created_at");`);
    this.addSql(`create index "audit_event_subject_type_subject_id_index" on "audit_event" ("subject_type", "subject_id");`);
    this.addSql(
      `create table "dependency" ("id" uuid not null, "application_id" uuid not null, "depends_on_id" uuid not null, "created_at" timestamptz not null, constraint "dependency_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "dependency" add constraint "dependency_application_id_depends_on_id_unique" unique ("application_id", "depends_on_id");`);
    this.addSql(
      `create table "freeze" ("id" uuid not null, "application_id" uuid null, "reason" text not null, "until" timestamptz null, "created_by" text not null, "created_at" timestamptz not null, "thawed_at" timestamptz null, "thawed_by" text null, constraint "freeze_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "freeze_application_id_thawed_at_index" on "freeze" ("application_id", "thawed_at");`);
    this.addSql(
      `create table "jenkins_webhook" ("id" uuid not null, "dedup_key" text not null, "payload" jsonb not null, "received_at" timestamptz not null, "processed_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, constraint "jenkins_webhook_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "jenkins_webhook" add constraint "jenkins_webhook_dedup_key_unique" unique ("dedup_key");`);
    this.addSql(`create index "jenkins_webhook_processed_at_index" on "jenkins_webhook" ("processed_at");`);
    this.addSql(
      `create table "rollout" ("id" uuid not null, "kind" text check ("kind" in ('WEEKLY', 'EMERGENCY')) not null, "status" text check ("status" in ('PLANNED', 'RUNNING', 'HALTED', 'COMPLETED')) not null default 'PLANNED', "week_of" text null, "cutoff" timestamptz null, "jira_issue_key" text null, "slack_summary_url" text null, "skipped" jsonb not null, "reason" text null, "created_by" text null, "started_at" timestamptz null, "finished_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "rollout_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create table "target" ("id" uuid not null, "application_id" uuid not null, "cluster" text not null, "environment" text not null, "namespace" text not null, "role" text check ("role" in ('PROTOTYPE', 'PRODUCTION')) not null, "position" int not null default 0, "created_at" timestamptz not null, constraint "target_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "target" add constraint "target_application_id_cluster_environment_unique" unique ("application_id", "cluster", "environment");`);
    this.addSql(
      `create table "deployment_report" ("id" uuid not null, "job_path" text not null, "build_number" int not null, "phase" text check ("phase" in ('QUEUED', 'STARTED', 'COMPLETED', 'FINALIZED')) not null, "result" text not null, "git_rev" text null, "branch" text null, "build_url" text null, "parameters" jsonb not null, "deployment_id" uuid null, "application_id" uuid null, "target_id" uuid null, "unmatched_reason" text null, "started_at" timestamptz not null, "finished_at" timestamptz not null, "received_at" timestamptz not null, constraint "deployment_report_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "deployment_report_deployment_id_index" on "deployment_report" ("deployment_id");`);
    this.addSql(`create index "deployment_report_target_id_finished_at_index" on "deployment_report" ("target_id", "finished_at");`);
    this.addSql(`alter table "deployment_report" add constraint "deployment_report_job_path_build_number_phase_unique" unique ("job_path", "build_number", "phase");`);
    this.addSql(
      `create table "deployment" ("id" uuid not null, "rollout_id" uuid not null, "application_id" uuid not null, "target_id" uuid not null, "git_rev" text not null, "previous_rev" text null, "shortlog" jsonb not null, "status" text check ("status" in ('SCHEDULED', 'CANCELED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'BLOCKED')) not null default 'SCHEDULED', "attempt" int not null default 0, "error" text null, "source_report_id" uuid null, "jenkins_queue_url" text null, "jenkins_build_url" text null, "silence_id" text null, "silence_ends_at" timestamptz null, "slack_permalink" text null, "changed_by" text null, "change_reason" text null, "started_at" timestamptz null, "finished_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "deployment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "deployment_status_index" on "deployment" ("status");`);
    this.addSql(`alter table "deployment" add constraint "deployment_rollout_id_target_id_unique" unique ("rollout_id", "target_id");`);
    this.addSql(`alter table "dependency" add constraint "dependency_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "dependency" add constraint "dependency_depends_on_id_foreign" foreign key ("depends_on_id") references "application" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "freeze" add constraint "freeze_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "target" add constraint "target_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade on delete cascade;`);
    this.addSql(
      `alter table "deployment_report" add constraint "deployment_report_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`alter table "deployment_report" add constraint "deployment_report_target_id_foreign" foreign key ("target_id") references "target" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "deployment" add constraint "deployment_rollout_id_foreign" foreign key ("rollout_id") references "rollout" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "deployment" add constraint "deployment_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "deployment" add constraint "deployment_target_id_foreign" foreign key ("target_id") references "target" ("id") on update cascade on delete restrict;`);
    this.addSql(
      `alter table "deployment" add constraint "deployment_source_report_id_foreign" foreign key ("source_report_id") references "deployment_report" ("id") on update cascade on delete set null;`,
    );
    // One weekly rollout per ISO week, however many schedulers race to plan it.
    this.addSql(`create unique index "rollout_weekly_week_of_unique" on "rollout" ("week_of") where "kind" = 'WEEKLY';`);
    this.addSql(`create index "rollout_created_at_index" on "rollout" ("created_at");`);
    this.addSql(`alter table "dependency" add constraint "dependency_not_self" check ("application_id" <> "depends_on_id");`);
    this.addSql(`create index "dependency_depends_on_id_index" on "dependency" ("depends_on_id");`);
    this.addSql(`create index "deployment_rollout_id_index" on "deployment" ("rollout_id");`);
    this.addSql(`create index "deployment_application_id_index" on "deployment" ("application_id");`);
    this.addSql(`create index "deployment_target_id_index" on "deployment" ("target_id");`);
    // A target's current rev is its latest successful report by finish time.
    this.addSql(`create index "deployment_report_target_success_index" on "deployment_report" ("target_id", "finished_at" desc) where "result" = 'SUCCESS' and "phase" in ('COMPLETED', 'FINALIZED');`);
    this.addSql(`create index "deployment_report_unmatched_index" on "deployment_report" ("received_at") where "target_id" is null;`);
    this.addSql(`create index "jenkins_webhook_pending_index" on "jenkins_webhook" ("received_at") where "processed_at" is null;`);
    this.addSql(`create index "target_application_id_index" on "target" ("application_id");`);
    this.addSql(`alter table "target" add constraint "target_order_non_negative" check ("position" >= 0);`);
  }

  override down(): void {
    for (const table of ['deployment', 'deployment_report', 'jenkins_webhook', 'freeze', 'dependency', 'target', 'rollout', 'audit_event', 'application']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
