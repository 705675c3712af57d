import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DeploymentStatus } from '@hydrator/database';
import { CHANGED_DEPLOYMENT_COLUMNS, ChangedDeploymentRow, deploymentRowChange } from './change';
import { ChangeFeed } from './change-feed.service';
import { PendingChanges } from './pending-changes';

/** Where the statement runs: the service's EntityManager (a statement of its own) or a transaction's. */
export type SqlRunner = Pick<EntityManager, 'execute'>;

/** SQL computed from the row's own columns, with its own `?` parameters: `sql('coalesce(?, jenkins_build_url)', url)`. */
export interface SqlExpression {
  sql: string;
  params: unknown[];
}

/** A column's new value: a parameter, or a {@link SqlExpression}. */
export type ColumnValue = string | number | Date | null | SqlExpression;

export function sql(expression: string, ...params: unknown[]): SqlExpression {
  return { sql: expression, params };
}

/** Which rows move: by id(s) (none when the list is empty), or every row of a rollout; and only those of this attempt, not that id. */
export interface TransitionWhere {
  id?: string | readonly string[];
  rolloutId?: string;
  attempt?: number;
  exceptId?: string;
  /** Extra SQL condition on the row's own columns, e.g. `jenkins_build_url is null`. */
  also?: string;
}

/**
 * One change of deployment rows: from one of `from` (any status when omitted) to `to` (the status kept
 * when omitted: a link or a silence learned), setting `set`.
 */
export interface Transition {
  from?: readonly DeploymentStatus[];
  to?: DeploymentStatus;
  set?: Record<string, ColumnValue>;
  /** More columns to return, beside the changed row's id, rollout, status and version. */
  returning?: string;
}

/** Every attempt starts afresh: what the last one learned goes. */
const FRESH_ATTEMPT: Record<string, ColumnValue> = {
  attempt: sql('attempt + 1'),
  error: null,
  jenkins_queue_url: null,
  jenkins_build_url: null,
  silence_id: null,
  silence_ends_at: null,
  started_at: null,
  finished_at: null,
  trigger_requested_at: null,
};

/**
 * The one writer of deployment rows' state: each transition is one `update … returning`, guarded by
 * the statuses it may leave (so a stale writer changes nothing), bumps `version` and `updated_at`, and
 * publishes the change on the live feed — at once, or, inside a transaction, collected in the caller's
 * {@link PendingChanges} and published after the commit. Readers rely on every change bumping the
 * version by one; nothing else in Hydrator writes `version = version + 1`.
 */
@Injectable()
export class DeploymentTransitions {
  constructor(private readonly feed: ChangeFeed) {}

  /**
   * Moves the rows `where` selects. Without `changes`, the statement commits on its own and is
   * published now; with them, the caller publishes `changes.committed()` after its commit.
   */
  async apply<Extra extends object = object>(db: SqlRunner, where: TransitionWhere, transition: Transition, changes?: PendingChanges): Promise<Array<ChangedDeploymentRow & Extra>> {
    if (Array.isArray(where.id) && where.id.length === 0) return [];
    const params: unknown[] = [];
    const assignments = Object.entries({ ...(transition.to ? { status: transition.to } : {}), ...transition.set }).map(([column, value]) => {
      if (isExpression(value)) {
        params.push(...value.params);
        return `${column} = ${value.sql}`;
      }
      params.push(value);
      return `${column} = ?`;
    });
    const conditions = whereClause(where, transition.from, params);
    const rows = await db.execute<Array<ChangedDeploymentRow & Extra>>(
      `update deployment set ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')}
        where ${conditions} returning ${CHANGED_DEPLOYMENT_COLUMNS}${transition.returning ? `, ${transition.returning}` : ''}`,
      params,
    );
    if (changes) changes.deploymentRows(rows);
    else this.feed.publish(...rows.map(deploymentRowChange));
    return rows;
  }

  /** SCHEDULED → QUEUED as a new attempt of each of `ids`; returns the attempts started. */
  startAttempts(db: SqlRunner, ids: readonly string[], changes: PendingChanges): Promise<Array<ChangedDeploymentRow & { attempt: number }>> {
    return this.apply<{ attempt: number }>(db, { id: ids }, { from: [DeploymentStatus.SCHEDULED], to: DeploymentStatus.QUEUED, set: FRESH_ATTEMPT, returning: 'attempt' }, changes);
  }
}

function isExpression(value: ColumnValue): value is SqlExpression {
  return value !== null && typeof value === 'object' && 'sql' in value;
}

function whereClause(where: TransitionWhere, from: readonly DeploymentStatus[] | undefined, params: unknown[]): string {
  const conditions: string[] = [];
  if (where.id !== undefined) {
    // A list binds as `in (?, ?, …)` (knex expands arrays).
    conditions.push(typeof where.id === 'string' ? 'id = ?' : 'id in (?)');
    params.push(typeof where.id === 'string' ? where.id : [...where.id]);
  }
  if (where.rolloutId !== undefined) {
    conditions.push('rollout_id = ?');
    params.push(where.rolloutId);
  }
  if (where.attempt !== undefined) {
    conditions.push('attempt = ?');
    params.push(where.attempt);
  }
  if (where.exceptId !== undefined) {
    conditions.push('id <> ?');
    params.push(where.exceptId);
  }
  if (from) {
    conditions.push('status in (?)');
    params.push([...from]);
  }
  if (where.also) conditions.push(`(${where.also})`);
  if (conditions.length === 0) throw new Error('a deployment transition needs a where: it would change every row');
  return conditions.join(' and ');
}
