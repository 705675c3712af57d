import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Application } from './application.entity';
import { TargetRole } from './enums';

/** Where an application runs: a cluster/environment/namespace, prototype (staging) or production. */
@Entity({ tableName: 'target' })
@Unique({ properties: ['application', 'cluster', 'environment'] })
export class Target {
  [OptionalProps]?: 'id' | 'order' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  application!: Application;

  @Property({ type: 'text' })
  cluster!: string;

  @Property({ type: 'text' })
  environment!: string;

  @Property({ type: 'text' })
  namespace!: string;

  @Enum({ items: () => TargetRole, type: 'text' })
  role!: TargetRole;

  /** Position among the application's production targets: they deploy one at a time in this order. */
  @Property({ type: 'integer', fieldName: 'position' })
  order: number = 0;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
