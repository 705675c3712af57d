import { Migration } from '@mikro-orm/migrations';

/**
 * Why an emergency rollout exists, kept apart from `reason` (why a rollout halted), which running it
 * clears. Emergencies created before this column get it back from their deployments' change reason.
 */
export class Migration20261130000000RolloutPurpose extends Migration {
  override up(): void {
    this.addSql(`alter table "rollout" add column "purpose" text null;`);
    this.addSql(
      `update "rollout" r set "purpose" = coalesce(
         (select regexp_replace(d."change_reason", '^emergency: ', '') from "deployment" d where d."rollout_id" = r."id" and d."change_reason" like 'emergency: %' limit 1),
         r."reason")
       where r."kind" = 'EMERGENCY';`,
    );
  }

  override down(): void {
    this.addSql(`alter table "rollout" drop column "purpose";`);
  }
}
