import { Deployment, Rollout } from '@hydrator/database';
import { Change, ChangedDeploymentRow, deploymentChange, deploymentRowChange, rolloutChange } from './change';

/**
 * The changes a transaction makes, collected while it runs and published once it committed:
 *
 * ```ts
 * const changes = new PendingChanges();
 * await em.transactional(async (em) => {
 *   changes.deploymentRows(await em.execute(`update deployment set … returning ${CHANGED_DEPLOYMENT_COLUMNS}`));
 *   rollout.status = RolloutStatus.HALTED;
 *   changes.rollout(rollout);
 * });
 * feed.publish(...changes.committed());
 * ```
 *
 * Entities are read only by `committed()`, so they carry the version their flush gave them.
 */
export class PendingChanges {
  private readonly reads: Array<() => Change> = [];

  /** Rows a raw SQL update returned (`returning ${CHANGED_DEPLOYMENT_COLUMNS}`). */
  deploymentRows(rows: readonly ChangedDeploymentRow[]): this {
    for (const row of rows) this.reads.push(() => deploymentRowChange(row));
    return this;
  }

  deployment(deployment: Deployment): this {
    this.reads.push(() => deploymentChange(deployment));
    return this;
  }

  rollout(rollout: Pick<Rollout, 'id' | 'status' | 'version'>): this {
    this.reads.push(() => rolloutChange(rollout));
    return this;
  }

  /** The changes as committed, in the order they were made. Call it after the commit. */
  committed(): Change[] {
    return this.reads.map((read) => read());
  }
}
