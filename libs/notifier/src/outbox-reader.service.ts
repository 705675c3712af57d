import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { OutboxMessage, OutboxStatus } from '@hydrator/database';

export interface OutboxFilter {
  rolloutId?: string;
  status?: OutboxStatus;
}

/** What Hydrator sent, is sending, or holds back: for the API and the UI's outbox view. */
@Injectable()
export class OutboxReader {
  constructor(private readonly em: EntityManager) {}

  /** Messages oldest first, optionally of one rollout and in one status. */
  list(filter: OutboxFilter = {}): Promise<OutboxMessage[]> {
    const where: FilterQuery<OutboxMessage> = {};
    if (filter.rolloutId) where.rollout = filter.rolloutId;
    if (filter.status) where.status = filter.status;
    return this.em.fork().find(OutboxMessage, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  get(id: string): Promise<OutboxMessage | null> {
    return this.em.fork().findOne(OutboxMessage, { id });
  }
}
