import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUuid } from '@hydrator/common';
import { Deployment, Rollout, RolloutStatus } from '@hydrator/database';

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
