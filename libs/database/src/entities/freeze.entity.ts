import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Application } from './application.entity';

/**
 * A freeze of one application, or of the whole fleet when `application` is null. It is active
 * while not thawed and before `until`; frozen deployments are neither scheduled nor run.
 */
@Entity({ tableName: 'freeze' })
@Index({ properties: ['application', 'thawedAt'] })
export class Freeze {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Application, { nullable: true, deleteRule: 'cascade' })
  application?: Application | null;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'datetime', nullable: true })
  until?: Date | null;

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  thawedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  thawedBy?: string | null;
}
