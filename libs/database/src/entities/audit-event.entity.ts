import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A human action (register, edit rev, cancel, freeze, emergency, retry…) with who did it and when. */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['subjectType', 'subjectId'] })
export class AuditEvent {
  [OptionalProps]?: 'id' | 'details' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Who acted: the token's name, or `system` for automatic actions. */
  @Property({ type: 'text' })
  actor!: string;

  /** What was done, e.g. `application.register`, `dependency.add`. */
  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  subjectType!: string;

  @Property({ type: 'text' })
  subjectId!: string;

  @Property({ type: 'json' })
  details: Record<string, unknown> = {};

  @Property({ type: 'datetime', index: true })
  createdAt: Date = new Date();
}
