import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Rollout } from './rollout.entity';

/** Persisted as text: renaming a member needs a migration. */
export enum OutboxKind {
  /** A message to one team channel (the weekly plan of its application, an alert…). */
  SLACK_MESSAGE = 'SLACK_MESSAGE',
  /** The SRE channel's summary, composed at delivery from the permalinks of the rollout's team messages. */
  SLACK_SRE_SUMMARY = 'SLACK_SRE_SUMMARY',
  JIRA_ISSUE = 'JIRA_ISSUE',
  /** A reply in the thread of its parent (the rollout's SRE summary): sent once the parent is. */
  SLACK_REPLY = 'SLACK_REPLY',
  /** `chat.update` of its parent (a team message), composed at delivery from the state of its deployments. */
  SLACK_UPDATE = 'SLACK_UPDATE',
  /** A comment on its parent's Jira issue. */
  JIRA_COMMENT = 'JIRA_COMMENT',
  /** A transition of its parent's Jira issue (`JIRA_DONE_TRANSITION`), looked up by name. */
  JIRA_TRANSITION = 'JIRA_TRANSITION',
}

/** Persisted as text: renaming a member needs a migration. */
export enum OutboxStatus {
  PENDING = 'PENDING',
  /** A delivery attempt began; after a crash the notifier checks whether it reached the other side. */
  SENDING = 'SENDING',
  SENT = 'SENT',
  /** Retries exhausted or refused for good; visible with its error. */
  FAILED = 'FAILED',
  /** The integration is not configured: kept, shown, sent once it is. */
  HELD = 'HELD',
}

/**
 * A message Hydrator owes Slack or Jira, written in the same transaction as the change it reports
 * and delivered by the notifier exactly once. `dedupKey` makes planning twice write nothing new.
 */
@Entity({ tableName: 'outbox_message' })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class OutboxMessage {
  [OptionalProps]?: 'id' | 'status' | 'attempts' | 'deploymentIds' | 'createdAt' | 'updatedAt' | 'nextAttemptAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => OutboxKind, type: 'text' })
  kind!: OutboxKind;

  /** e.g. `rollout:<id>:team:<application>`; unique. */
  @Property({ type: 'text', unique: true })
  dedupKey!: string;

  @ManyToOne(() => Rollout, { nullable: true, deleteRule: 'cascade', index: true })
  rollout?: Rollout | null;

  /**
   * The message a follow-up depends on (the summary a reply threads under, the team message an update
   * rewrites, the issue a comment goes on). A follow-up is sent after its parent is SENT, and after its
   * older siblings (same parent, created earlier) are SENT or FAILED, so a thread reads in order.
   */
  @ManyToOne(() => OutboxMessage, { nullable: true, deleteRule: 'cascade', index: true })
  parent?: OutboxMessage | null;

  /** Deployments the message announces: their Slack permalink is set once it is sent. */
  @Property({ type: 'uuid[]' })
  deploymentIds: string[] = [];

  /** Slack channel or Jira project key. */
  @Property({ type: 'text' })
  destination!: string;

  /** What to send: Slack `{ text, blocks? }`, Jira `{ summary, description, issueType, labels }`. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Enum({ items: () => OutboxStatus, type: 'text' })
  status: OutboxStatus = OutboxStatus.PENDING;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime' })
  nextAttemptAt: Date = new Date();

  /** What the other side answered: Slack `{ channel, ts, permalink }`, Jira `{ key, id, url }`. */
  @Property({ type: 'json', nullable: true })
  result?: Record<string, unknown> | null;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
