import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Application } from './application.entity';
import { BuildPhase } from './enums';
import { Target } from './target.entity';

/**
 * One Jenkins run phase as Jenkins reported it. Reports that match no registered job or target
 * are kept with `target` null and an `unmatchedReason`, never dropped.
 */
@Entity({ tableName: 'deployment_report' })
@Unique({ properties: ['jobPath', 'buildNumber', 'phase'] })
@Index({ properties: ['target', 'finishedAt'] })
export class DeploymentReport {
  [OptionalProps]?: 'id' | 'receivedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Normalised job path, `a/b` for `job/a/job/b/`. */
  @Property({ type: 'text' })
  jobPath!: string;

  @Property({ type: 'integer' })
  buildNumber!: number;

  @Enum({ items: () => BuildPhase, type: 'text' })
  phase!: BuildPhase;

  /** Jenkins' build status (SUCCESS, FAILURE, …), or the phase while the build has none yet. */
  @Property({ type: 'text' })
  result!: string;

  @Property({ type: 'text', nullable: true })
  gitRev?: string | null;

  @Property({ type: 'text', nullable: true })
  branch?: string | null;

  @Property({ type: 'text', nullable: true })
  buildUrl?: string | null;

  @Property({ type: 'json' })
  parameters: Record<string, string> = {};

  /** The Hydrator deployment that triggered this build (HYDRATOR_DEPLOYMENT_ID), if any. */
  @Property({ type: 'uuid', nullable: true, index: true })
  deploymentId?: string | null;

  @ManyToOne(() => Application, { nullable: true, deleteRule: 'set null' })
  application?: Application | null;

  @ManyToOne(() => Target, { nullable: true, deleteRule: 'set null' })
  target?: Target | null;

  /** Why no target matched; null when matched. */
  @Property({ type: 'text', nullable: true })
  unmatchedReason?: string | null;

  /** For COMPLETED/FINALIZED: `build.timestamp - build.duration`; for QUEUED/STARTED: `build.timestamp`; the time received when Jenkins sent no timestamp. */
  @Property({ type: 'datetime' })
  startedAt!: Date;

  /**
   * For COMPLETED/FINALIZED: `build.timestamp`, which the Notification Plugin stamps with the finish;
   * for QUEUED/STARTED: the same as `startedAt`. "Latest" always orders by this.
   */
  @Property({ type: 'datetime' })
  finishedAt!: Date;

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();
}
