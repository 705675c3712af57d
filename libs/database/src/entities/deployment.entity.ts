import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Application } from './application.entity';
import { DeploymentReport } from './deployment-report.entity';
import { DeploymentStatus } from './enums';
import { Rollout } from './rollout.entity';
import { Target } from './target.entity';

/** Commits between the production rev and the planned rev by one author, like `git shortlog`. */
export interface ShortlogEntry {
  author: string;
  count: number;
  subjects: string[];
}

/** One application rev to one production target inside a rollout. */
@Entity({ tableName: 'deployment' })
@Unique({ properties: ['rollout', 'target'] })
@Index({ properties: ['status'] })
export class Deployment {
  [OptionalProps]?: 'id' | 'status' | 'attempt' | 'shortlog' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Rollout, { deleteRule: 'cascade' })
  rollout!: Rollout;

  // History is kept: a target or application with deployments cannot be deleted.
  @ManyToOne(() => Application, { deleteRule: 'restrict' })
  application!: Application;

  @ManyToOne(() => Target, { deleteRule: 'restrict' })
  target!: Target;

  @Property({ type: 'text' })
  gitRev!: string;

  @Property({ type: 'text', nullable: true })
  previousRev?: string | null;

  @Property({ type: 'json' })
  shortlog: ShortlogEntry[] = [];

  @Enum({ items: () => DeploymentStatus, type: 'text' })
  status: DeploymentStatus = DeploymentStatus.SCHEDULED;

  @Property({ type: 'integer' })
  attempt: number = 0;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  /** The prototype report this rev was chosen from, so anyone can see later why it went out. */
  @ManyToOne(() => DeploymentReport, { nullable: true, deleteRule: 'set null' })
  sourceReport?: DeploymentReport | null;

  /** The cutoff in force when this rev was chosen. */
  @Property({ type: 'datetime', nullable: true })
  plannedCutoff?: Date | null;

  @Property({ type: 'text', nullable: true })
  jenkinsQueueUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  jenkinsBuildUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  silenceId?: string | null;

  @Property({ type: 'datetime', nullable: true })
  silenceEndsAt?: Date | null;

  /** When the runner set out to silence and trigger this attempt; set means a build may exist already (see the runner's executor). */
  @Property({ type: 'datetime', nullable: true })
  triggerRequestedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  slackPermalink?: string | null;

  @Property({ type: 'text', nullable: true })
  changedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  changeReason?: string | null;

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
