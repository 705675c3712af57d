import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUuid } from '@hydrator/common';
import { Deployment, DeploymentStatus, Rollout, RolloutStatus } from '@hydrator/database';

/** Which deployments {@link RolloutReader.history} returns; every filter given must hold. */
export interface DeploymentHistoryFilter {
  /** An application name: no deployment for a name nobody registered. */
  application?: string | null;
  status?: DeploymentStatus | null;
  /** The ISO week of the deployment's rollout, `2026-W49`. */
  weekOf?: string | null;
  limit: number;
}

/**
 * A deployment as the API shows it, read as a plain row: a rollout's 500 deployments are only shown, so
 * they are not built as entities (with their application and target) to be copied field by field.
 */
export type DeploymentRecord = Pick<
  Deployment,
  | 'id'
  | 'gitRev'
  | 'status'
  | 'attempt'
  | 'shortlog'
  | 'version'
  | 'previousRev'
  | 'error'
  | 'jenkinsBuildUrl'
  | 'jenkinsQueueUrl'
  | 'slackPermalink'
  | 'plannedCutoff'
  | 'changeReason'
  | 'changedBy'
  | 'startedAt'
  | 'finishedAt'
> & { rolloutId: string; applicationId: string; targetId: string };

/** Raw rows carry timestamps as text. */
const dateOf = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** Reads of rollouts and their deployments for the API; batch methods answer many ids in one query. */
@Injectable()
export class RolloutReader {
  constructor(private readonly em: EntityManager) {}

  /** The newest rollout that is not COMPLETED, else the newest. */
  async current(): Promise<Rollout | null> {
    return (
      (await this.em.findOne(Rollout, { status: { $ne: RolloutStatus.COMPLETED } }, { orderBy: { createdAt: 'desc' } })) ??
      (await this.em.find(Rollout, {}, { orderBy: { createdAt: 'desc' }, limit: 1 }))[0] ??
      null
    );
  }

  byId(id: string): Promise<Rollout | null> {
    return isUuid(id) ? this.em.findOne(Rollout, { id }) : Promise.resolve(null);
  }

  list(limit: number): Promise<Rollout[]> {
    return this.em.find(Rollout, {}, { orderBy: { createdAt: 'desc' }, limit });
  }

  deployment(id: string): Promise<Deployment | null> {
    return isUuid(id) ? this.em.findOne(Deployment, { id }) : Promise.resolve(null);
  }

  /** Deployments of every rollout, newest first: by when they finished, else started, else were planned. Two queries. */
  async history(filter: DeploymentHistoryFilter): Promise<Deployment[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      conditions.push(condition);
      values.push(value);
    };
    if (filter.application != null) where('a.name = ?', filter.application);
    if (filter.status != null) where('d.status = ?', filter.status);
    if (filter.weekOf != null) where('r.week_of = ?', filter.weekOf);
    const rows = await this.em.execute<Array<{ id: string }>>(
      `select d.id from deployment d join application a on a.id = d.application_id join rollout r on r.id = d.rollout_id
        ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
        order by coalesce(d.finished_at, d.started_at, d.created_at) desc, d.id desc limit ?`,
      [...values, filter.limit],
    );
    if (rows.length === 0) return [];
    const found = new Map((await this.em.find(Deployment, { id: { $in: rows.map((row) => row.id) } })).map((d) => [d.id, d]));
    return rows.map((row) => found.get(row.id)).filter((d): d is Deployment => d !== undefined);
  }

  async rolloutsByIds(ids: readonly string[]): Promise<Map<string, Rollout>> {
    return new Map((await this.em.find(Rollout, { id: { $in: [...ids] } })).map((r) => [r.id, r]));
  }

  /** Each rollout's deployments, in a stable order: application, then target order. One query, plain rows. */
  async deploymentsOf(rolloutIds: readonly string[]): Promise<Map<string, DeploymentRecord[]>> {
    if (rolloutIds.length === 0) return new Map();
    const rows = await this.em.execute<Array<Record<string, unknown>>>(
      `select d.id, d.rollout_id, d.application_id, d.target_id, d.git_rev, d.previous_rev, d.shortlog, d.status, d.attempt, d.error, d.jenkins_build_url,
              d.jenkins_queue_url, d.slack_permalink, d.planned_cutoff, d.change_reason, d.changed_by, d.started_at, d.finished_at, d.version
         from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id
        where d.rollout_id in (?)
        order by a.name asc, t.position asc`,
      [[...rolloutIds]],
    );
    const grouped = new Map<string, DeploymentRecord[]>();
    for (const row of rows) {
      const record: DeploymentRecord = {
        id: row.id as string,
        rolloutId: row.rollout_id as string,
        applicationId: row.application_id as string,
        targetId: row.target_id as string,
        gitRev: row.git_rev as string,
        previousRev: row.previous_rev as string | null,
        shortlog: row.shortlog as Deployment['shortlog'],
        status: row.status as DeploymentStatus,
        attempt: row.attempt as number,
        error: row.error as string | null,
        jenkinsBuildUrl: row.jenkins_build_url as string | null,
        jenkinsQueueUrl: row.jenkins_queue_url as string | null,
        slackPermalink: row.slack_permalink as string | null,
        plannedCutoff: dateOf(row.planned_cutoff as Date | string | null),
        changeReason: row.change_reason as string | null,
        changedBy: row.changed_by as string | null,
        startedAt: dateOf(row.started_at as Date | string | null),
        finishedAt: dateOf(row.finished_at as Date | string | null),
        version: row.version as number,
      };
      const list = grouped.get(record.rolloutId);
      if (list) list.push(record);
      else grouped.set(record.rolloutId, [record]);
    }
    return grouped;
  }
}
