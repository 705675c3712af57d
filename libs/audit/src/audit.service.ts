import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from '@hydrator/database';

/** Who is acting: a named operator token, or `system` for automatic actions. */
export interface Actor {
  name: string;
}

export const SYSTEM_ACTOR: Actor = { name: 'system' };

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/** Writes audit events inside the caller's unit of work, so an action and its audit commit together. */
@Injectable()
export class AuditService {
  record(em: EntityManager, actor: Actor, entry: AuditEntry): AuditEvent {
    const event = em.create(AuditEvent, { actor: actor.name, ...entry, details: entry.details ?? {} });
    em.persist(event);
    return event;
  }
}
