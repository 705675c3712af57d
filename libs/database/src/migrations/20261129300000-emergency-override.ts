import { Migration } from '@mikro-orm/migrations';

/** Emergency rollouts may override freezes, with a reason: the runner then ignores freezes for them. */
export class Migration20261129300000EmergencyOverride extends Migration {
  override up(): void {
    this.addSql(`alter table "rollout" add column "overrides_freeze" boolean not null default false;`);
  }

  override down(): void {
    this.addSql(`alter table "rollout" drop column "overrides_freeze";`);
  }
}
