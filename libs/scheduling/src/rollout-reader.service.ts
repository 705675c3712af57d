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

  /** Each rollout's deployments, in a stable order: application, then target order. */
  async deploymentsOf(rolloutIds: readonly string[]): Promise<Map<string, Deployment[]>> {
    const deployments = await this.em.find(
      Deployment,
      { rollout: { $in: [...rolloutIds] } },
      { populate: ['application', 'target'], orderBy: { application: { name: 'asc' }, target: { order: 'asc' } } },
    );
    const grouped = new Map<string, Deployment[]>();
    for (const deployment of deployments) grouped.set(deployment.rollout.id, [...(grouped.get(deployment.rollout.id) ?? []), deployment]);
    return grouped;
  }
}
