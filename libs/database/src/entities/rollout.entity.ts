import { Collection, Entity, Enum, OneToMany, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Deployment } from './deployment.entity';
import { RolloutKind, RolloutStatus } from './enums';

/** An application that a rollout's plan left out, and why (frozen, no prototype report, already current…). */
export interface SkippedApplication {
  application: string;
  reason: string;
}

/** The production deployments planned together and run together: the weekly one or an emergency. */
@Entity({ tableName: 'rollout' })
export class Rollout {
  [OptionalProps]?: 'id' | 'status' | 'skipped' | 'createdAt' | 'updatedAt' | 'version' | 'overridesFreeze';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => RolloutKind, type: 'text' })
  kind!: RolloutKind;

  @Enum({ items: () => RolloutStatus, type: 'text' })
  status: RolloutStatus = RolloutStatus.PLANNED;

  /** ISO week of the planning time in HYDRATOR_TIMEZONE, `2026-W48`; one weekly rollout per week (partial unique index). */
  @Property({ type: 'text', nullable: true })
  weekOf?: string | null;

  @Property({ type: 'datetime', nullable: true })
  cutoff?: Date | null;

  @Property({ type: 'text', nullable: true })
  jiraIssueKey?: string | null;

  @Property({ type: 'text', nullable: true })
  slackSummaryUrl?: string | null;

  @Property({ type: 'json' })
  skipped: SkippedApplication[] = [];

  /** Why the rollout halted (cleared when it runs again); an emergency starts with its purpose here. */
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** Why an emergency rollout exists, as the operator gave it; never changes. Null for weekly rollouts. */
  @Property({ type: 'text', nullable: true })
  purpose?: string | null;

  @Property({ type: 'text', nullable: true })
  createdBy?: string | null;

  /** An emergency created with a reason while its application was frozen runs despite the freeze. */
  @Property({ type: 'boolean' })
  overridesFreeze: boolean = false;

  @OneToMany('Deployment', 'rollout')
  deployments = new Collection<Deployment>(this);

  @Property({ type: 'datetime', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Bumped on every change, so a live client can tell which of two updates is newer. */
  @Property({ type: 'integer', version: true })
  version: number = 1;
}
