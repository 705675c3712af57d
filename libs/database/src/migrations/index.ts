import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129000000Initial } from './20261129000000-initial';
import { Migration20261129100000OutboxAndPlanning } from './20261129100000-outbox-and-planning';
import { Migration20261129300000EmergencyOverride } from './20261129300000-emergency-override';
import { Migration20261129200000StabilityViews } from './20261129200000-stability-views';
import { Migration20261130000000RolloutPurpose } from './20261130000000-rollout-purpose';
import { Migration20261201000000OutboxFollowUps } from './20261201000000-outbox-follow-ups';
import { Migration20261202000000TriggerIntent } from './20261202000000-trigger-intent';

/** Committed migrations, oldest first. Append new ones here; never edit one that has shipped. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261129000000Initial', class: Migration20261129000000Initial },
  { name: 'Migration20261129100000OutboxAndPlanning', class: Migration20261129100000OutboxAndPlanning },
  { name: 'Migration20261129300000EmergencyOverride', class: Migration20261129300000EmergencyOverride },
  { name: 'Migration20261129200000StabilityViews', class: Migration20261129200000StabilityViews },
  { name: 'Migration20261130000000RolloutPurpose', class: Migration20261130000000RolloutPurpose },
  { name: 'Migration20261201000000OutboxFollowUps', class: Migration20261201000000OutboxFollowUps },
  { name: 'Migration20261202000000TriggerIntent', class: Migration20261202000000TriggerIntent },
];
