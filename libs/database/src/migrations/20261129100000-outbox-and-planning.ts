import { Migration } from '@mikro-orm/migrations';

/** Weekly scheduling: the notification outbox, and why each deployment was planned. */
export class Migration20261129100000OutboxAndPlanning extends Migration {
  override up(): void {
    this.addSql(
      `create table "outbox_message" ("id" uuid not null, "kind" text check ("kind" in ('SLACK_MESSAGE', 'SLACK_SRE_SUMMARY', 'JIRA_ISSUE')) not null, "dedup_key" text not null, "rollout_id" uuid null, "deployment_ids" uuid[] not null default '{}', "destination" text not null, "payload" jsonb not null, "status" text check ("status" in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'HELD')) not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz not null, "result" jsonb null, "sent_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "outbox_message_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_dedup_key_unique" unique ("dedup_key");`);
    this.addSql(`create index "outbox_message_rollout_id_index" on "outbox_message" ("rollout_id");`);
    this.addSql(`create index "outbox_message_status_next_attempt_at_index" on "outbox_message" ("status", "next_attempt_at");`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_rollout_id_foreign" foreign key ("rollout_id") references "rollout" ("id") on update cascade on delete cascade;`);
    // Why a deployment was planned: the cutoff applied (the prototype report is source_report_id).
    this.addSql(`alter table "deployment" add column "planned_cutoff" timestamptz null;`);
  }

  override down(): void {
    this.addSql(`alter table "deployment" drop column "planned_cutoff";`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
  }
}
