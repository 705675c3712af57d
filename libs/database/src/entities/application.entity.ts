import { Collection, Entity, OneToMany, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Target } from './target.entity';
import type { Dependency } from './dependency.entity';

/** A service the SRE team promotes from staging to production. */
@Entity({ tableName: 'application' })
export class Application {
  [OptionalProps]?: 'id' | 'owners' | 'description' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Unique slug, used in URLs, Slack messages and by the API. */
  @Property({ type: 'text', unique: true })
  name!: string;

  /** `owner/name` on GitHub (or GitHub Enterprise). */
  @Property({ type: 'text' })
  githubRepo!: string;

  /** The owning team's channel, where the weekly plan is announced. */
  @Property({ type: 'text' })
  slackChannel!: string;

  /** Path of the Jenkins job that deploys it, `folder/job` for `/job/folder/job/job/`. */
  @Property({ type: 'text', index: true })
  jenkinsJob!: string;

  @Property({ type: 'text[]' })
  owners: string[] = [];

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @OneToMany('Target', 'application')
  targets = new Collection<Target>(this);

  /** Applications this one deploys after. */
  @OneToMany('Dependency', 'application')
  dependencies = new Collection<Dependency>(this);

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
