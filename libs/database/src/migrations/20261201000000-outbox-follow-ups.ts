import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox follow-ups: messages that depend on an earlier one (a reply in the SRE summary's thread, an
 * update of a team message, a comment on or a transition of the week's Jira issue), linked by `parent_id`.
 */
export class Migration20261201000000OutboxFollowUps extends Migration {
  override up(): void {
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_kind_check";`);
    this.addSql(
      `alter table "outbox_message" add constraint "outbox_message_kind_check" check ("kind" in ('SLACK_MESSAGE', 'SLACK_SRE_SUMMARY', 'JIRA_ISSUE', 'SLACK_REPLY', 'SLACK_UPDATE', 'JIRA_COMMENT', 'JIRA_TRANSITION'));`,
    );
    this.addSql(`alter table "outbox_message" add column "parent_id" uuid null;`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_parent_id_foreign" foreign key ("parent_id") references "outbox_message" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "outbox_message_parent_id_index" on "outbox_message" ("parent_id");`);
  }

  override down(): void {
    this.addSql(`delete from "outbox_message" where "kind" in ('SLACK_REPLY', 'SLACK_UPDATE', 'JIRA_COMMENT', 'JIRA_TRANSITION');`);
    this.addSql(`alter table "outbox_message" drop column "parent_id";`);
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_kind_check";`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_kind_check" check ("kind" in ('SLACK_MESSAGE', 'SLACK_SRE_SUMMARY', 'JIRA_ISSUE'));`);
  }
}
