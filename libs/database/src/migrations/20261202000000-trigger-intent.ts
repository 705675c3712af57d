import { Migration } from '@mikro-orm/migrations';

/**
 * The runner's intent to trigger an attempt, recorded before it calls Alertmanager and Jenkins: an
 * execution that finds it set knows an earlier one may have triggered, and looks Jenkins up before
 * triggering; one that finds it empty triggers without a look-up.
 */
export class Migration20261202000000TriggerIntent extends Migration {
  override up(): void {
    this.addSql(`alter table "deployment" add column "trigger_requested_at" timestamptz null;`);
    // Attempts in flight when this runs may have been triggered already: they take the look-up path.
    this.addSql(`update "deployment" set "trigger_requested_at" = "updated_at" where "status" in ('QUEUED', 'RUNNING');`);
  }

  override down(): void {
    this.addSql(`alter table "deployment" drop column "trigger_requested_at";`);
  }
}
