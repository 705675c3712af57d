import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from '@hydrator/database';

export interface AuditLogFilter {
  actor?: string | null;
  action?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  since?: Date | null;
  limit: number;
}

/** The audit trail, newest first. */
@Injectable()
export class AuditLogReader {
  constructor(private readonly em: EntityManager) {}

  list(filter: AuditLogFilter): Promise<AuditEvent[]> {
    const where: FilterQuery<AuditEvent> = {};
    if (filter.actor) where.actor = filter.actor;
    if (filter.action) where.action = filter.action;
    if (filter.subjectType) where.subjectType = filter.subjectType;
    if (filter.subjectId) where.subjectId = filter.subjectId;
    if (filter.since) where.createdAt = { $gte: filter.since };
    return this.em.find(AuditEvent, where, { orderBy: { createdAt: 'desc' }, limit: Math.min(Math.max(filter.limit, 1), 500) });
  }
}
