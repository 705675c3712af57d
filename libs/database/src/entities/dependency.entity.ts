import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Application } from './application.entity';

/** "`application` deploys after `dependsOn`". The graph is kept acyclic by the registry. */
@Entity({ tableName: 'dependency' })
@Unique({ properties: ['application', 'dependsOn'] })
export class Dependency {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  application!: Application;

  @ManyToOne(() => Application, { deleteRule: 'cascade' })
  dependsOn!: Application;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
