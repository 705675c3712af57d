import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A Jenkins webhook exactly as received, written before the 202 so that nothing acknowledged can
 * be lost if Redis loses its data; the registry turns it into a DeploymentReport and sets `processedAt`.
 * `dedupKey` (job path, build, phase) makes a re-delivered webhook a no-op.
 */
@Entity({ tableName: 'jenkins_webhook' })
export class JenkinsWebhook {
  [OptionalProps]?: 'id' | 'receivedAt' | 'processedAt' | 'attempts' | 'lastError';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  dedupKey!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true, index: true })
  processedAt?: Date | null;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}
