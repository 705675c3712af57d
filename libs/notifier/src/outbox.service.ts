import { EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { OutboxKind, OutboxMessage, OutboxStatus, Rollout } from '@hydrator/database';
import { DeliveryQueue } from './delivery-queue';
import { isConfigured, JiraCommentPayload, JiraIssuePayload, JiraTransitionPayload, SlackMessagePayload, SlackReplyPayload, SlackUpdatePayload, SreSummaryPayload } from './outbox-payloads';

export interface SlackMessageInput {
  /** Unique per message, e.g. `rollout:<id>:team:<application>`: writing the same key again writes nothing. */
  dedupKey: string;
  rollout?: Rollout | null;
  /** Deployments the message announces: they get its permalink once it is posted. */
  deploymentIds?: string[];
  /** A channel name (`#team-api`) or conversation ID. */
  channel: string;
  text: string;
  blocks?: unknown[];
  /** How the rollout's SRE summary names this message; default the channel. */
  label?: string;
}

export interface SreSummaryInput {
  dedupKey: string;
  rollout: Rollout;
  channel: string;
  /** The summary's first line(s); a line per team message of the rollout, with its permalink, follows. */
  intro: string;
}

export interface JiraIssueInput {
  dedupKey: string;
  rollout?: Rollout | null;
  /** Project key, e.g. `SRE`. */
  project: string;
  summary: string;
  /** Plain text; Jira receives it as an Atlassian Document. */
  description: string;
  labels?: string[];
  /** Default `Task`. */
  issueType?: string;
}

/** The team message that announced a deployment. */
export interface Announcement {
  id: string;
  destination: string;
}

/**
 * The announcement (columns `id`, `destination`, null when none) of each deployment `d` of the rows it
 * is joined to: `${ANNOUNCEMENT_OF_DEPLOYMENT} where d.id = ?`, or as a lateral join of a larger query.
 */
export const ANNOUNCEMENT_LATERAL = `lateral (select o.id, o.destination from outbox_message o
   where o.rollout_id = d.rollout_id and o.kind = '${OutboxKind.SLACK_MESSAGE}' and d.id = any(o.deployment_ids) order by o.created_at, o.id limit 1)`;

const ANNOUNCEMENT_OF_DEPLOYMENT = `select announcement.id, announcement.destination from deployment d left join ${ANNOUNCEMENT_LATERAL} announcement on true`;

/** A message that follows an earlier one (see {@link OutboxService.parentsOf}): sent once its parent is SENT, in order among its siblings. */
export interface FollowUpInput {
  dedupKey: string;
  rollout?: Rollout | null;
  /** The id of the message this one depends on. */
  parentId: string;
}

export interface SlackReplyInput extends FollowUpInput {
  /** The channel the parent went to (shown in the outbox; the reply goes to the parent's thread). */
  channel: string;
  text: string;
  blocks?: unknown[];
}

export interface SlackUpdateInput extends FollowUpInput {
  channel: string;
  /** What changed, shown in the outbox until the update is composed from the deployments' state. */
  text: string;
  deploymentIds?: string[];
}

export interface JiraCommentInput extends FollowUpInput {
  project: string;
  /** Plain text, one paragraph per line. */
  body: string;
}

export interface JiraTransitionInput extends FollowUpInput {
  project: string;
  /** The transition's name, e.g. `Done`. */
  transition: string;
}

/** The rows follow-ups of a rollout hang from; absent when the rollout has none (emergencies have no summary or issue). */
export interface RolloutParents {
  /** The SRE summary, whose thread follows the run. */
  summaryId?: string;
  /** The week's Jira issue. */
  issueId?: string;
}

type MessageFields = Pick<OutboxMessage, 'destination' | 'payload'> & Partial<Pick<OutboxMessage, 'rollout' | 'deploymentIds' | 'parent'>>;

/**
 * Writes the messages Hydrator owes Slack and Jira into the outbox, in the caller's transaction, so a
 * message exists if and only if the change it reports was committed. The caller flushes and commits, then
 * calls {@link dispatch}; the notifier delivers each message exactly once.
 *
 * ```ts
 * const ids = await em.transactional(async (em) => [outbox.slackMessage(em, {...}).id]);
 * await outbox.dispatch(ids);
 * ```
 *
 * Idempotent on `dedupKey`: a message's id is derived from its key, and the row is inserted when the
 * caller's EntityManager flushes, with `on conflict (dedup_key) do nothing`. Writing a key again (in the
 * same unit of work, a later one, or a concurrent one) returns a message with the existing row's id and
 * writes nothing.
 */
@Injectable()
export class OutboxService implements EventSubscriber, OnModuleInit {
  private readonly logger = new Logger(OutboxService.name);
  /** Messages written through each EntityManager and not flushed yet, by dedup key. */
  private readonly unflushed = new WeakMap<EntityManager, Map<string, OutboxMessage>>();

  constructor(
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
    private readonly queue: DeliveryQueue,
    private readonly em: EntityManager,
  ) {}

  onModuleInit(): void {
    // Forks share their parent's event manager: this sees the flush of every EntityManager of the process.
    this.em.getEventManager().registerSubscriber(this);
  }

  /** A message to a team channel. */
  slackMessage(em: EntityManager, input: SlackMessageInput): OutboxMessage {
    const payload: SlackMessagePayload = { text: input.text, blocks: input.blocks, label: input.label };
    return this.write(em, OutboxKind.SLACK_MESSAGE, input.dedupKey, {
      rollout: input.rollout ?? null,
      deploymentIds: input.deploymentIds ?? [],
      destination: input.channel,
      payload: withoutUndefined(payload),
    });
  }

  /**
   * The rollout's summary for the SRE channel. Write it after the rollout's team messages: it is sent once
   * each of them (the rollout's Slack messages written before it) was sent or failed, and lists each with
   * its permalink.
   */
  sreSummary(em: EntityManager, input: SreSummaryInput): OutboxMessage {
    const payload: SreSummaryPayload = { intro: input.intro };
    return this.write(em, OutboxKind.SLACK_SRE_SUMMARY, input.dedupKey, { rollout: input.rollout, destination: input.channel, payload: withoutUndefined(payload) });
  }

  /** A Jira issue; its key is stored on the rollout once created. */
  jiraIssue(em: EntityManager, input: JiraIssueInput): OutboxMessage {
    const payload: JiraIssuePayload = { summary: input.summary, description: input.description, issueType: input.issueType ?? 'Task', labels: input.labels ?? [] };
    return this.write(em, OutboxKind.JIRA_ISSUE, input.dedupKey, { rollout: input.rollout ?? null, destination: input.project, payload: withoutUndefined(payload) });
  }

  /** A reply in the thread of `parentId` (the rollout's SRE summary). */
  slackReply(em: EntityManager, input: SlackReplyInput): OutboxMessage {
    const payload: SlackReplyPayload = { text: input.text, blocks: input.blocks };
    return this.write(em, OutboxKind.SLACK_REPLY, input.dedupKey, { ...this.followUp(em, input), destination: input.channel, payload: withoutUndefined(payload) });
  }

  /** Rewrites the team message `parentId` with the state of its deployments, read when it is delivered. */
  slackUpdate(em: EntityManager, input: SlackUpdateInput): OutboxMessage {
    const payload: SlackUpdatePayload = { text: input.text };
    return this.write(em, OutboxKind.SLACK_UPDATE, input.dedupKey, { ...this.followUp(em, input), deploymentIds: input.deploymentIds ?? [], destination: input.channel, payload: { ...payload } });
  }

  /** A comment on the Jira issue `parentId`. */
  jiraComment(em: EntityManager, input: JiraCommentInput): OutboxMessage {
    const payload: JiraCommentPayload = { body: input.body };
    return this.write(em, OutboxKind.JIRA_COMMENT, input.dedupKey, { ...this.followUp(em, input), destination: input.project, payload: { ...payload } });
  }

  /** Moves the Jira issue `parentId` through the transition named `transition`. */
  jiraTransition(em: EntityManager, input: JiraTransitionInput): OutboxMessage {
    const payload: JiraTransitionPayload = { transition: input.transition };
    return this.write(em, OutboxKind.JIRA_TRANSITION, input.dedupKey, { ...this.followUp(em, input), destination: input.project, payload: { ...payload } });
  }

  /** The rollout's SRE summary and Jira issue, which its follow-ups hang from. */
  async parentsOf(em: EntityManager, rolloutId: string): Promise<RolloutParents> {
    const rows = await em.execute<Array<{ id: string; kind: OutboxKind }>>(`select id, kind from outbox_message where rollout_id = ? and kind in (?) order by created_at`, [
      rolloutId,
      [OutboxKind.SLACK_SRE_SUMMARY, OutboxKind.JIRA_ISSUE],
    ]);
    return { summaryId: rows.find((r) => r.kind === OutboxKind.SLACK_SRE_SUMMARY)?.id, issueId: rows.find((r) => r.kind === OutboxKind.JIRA_ISSUE)?.id };
  }

  /** The team message that announced a deployment: the first Slack message naming it (later ones are alerts). */
  async announcementOf(em: EntityManager, rolloutId: string, deploymentId: string): Promise<Announcement | undefined> {
    const [row] = await em.execute<Announcement[]>(`${ANNOUNCEMENT_OF_DEPLOYMENT} where d.id = ?`, [deploymentId]);
    return row?.id ? row : undefined;
  }

  /**
   * Hands committed messages to the notifier. Call it after the commit; it never throws, and a message
   * it could not hand over (Redis down) is delivered once the notifier's reconciler finds it.
   * Held messages are skipped: they wait for their integration to be configured.
   */
  async dispatch(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    try {
      const rows = await this.em.fork().execute<{ id: string }[]>(`select id from outbox_message where id in (?) and status = ?`, [[...messageIds], OutboxStatus.PENDING]);
      const pending = new Set(rows.map((row) => row.id));
      await this.queue.enqueue(messageIds.filter((id) => pending.has(id)));
    } catch (error) {
      this.logger.warn(`outbox messages not dispatched (${(error as Error).message}); the reconciler will hand them over`);
    }
  }

  /** Inserts the messages of the unit of work just flushed, in its transaction (after its rollouts exist). */
  async afterFlush({ em }: FlushEventArgs): Promise<void> {
    const pending = this.unflushed.get(em as EntityManager);
    if (!pending?.size) return;
    this.unflushed.delete(em as EntityManager);
    const rows = [...pending.values()].map((m) => ({ ...m, rollout: m.rollout?.id ?? null, parent: m.parent?.id ?? null }));
    await (em as EntityManager).createQueryBuilder(OutboxMessage).insert(rows).onConflict('dedupKey').ignore().execute();
  }

  private write(given: EntityManager, kind: OutboxKind, dedupKey: string, fields: MessageFields): OutboxMessage {
    // The EntityManager whose flush will be seen: the request's own when given the global one.
    const em = given.getContext(false);
    const pending = this.unflushed.get(em) ?? new Map<string, OutboxMessage>();
    this.unflushed.set(em, pending);
    const written = pending.get(dedupKey);
    if (written) return written;
    const status = isConfigured(this.config, kind) ? OutboxStatus.PENDING : OutboxStatus.HELD;
    const message = Object.assign(new OutboxMessage(), { id: messageIdOf(dedupKey), kind, dedupKey, status, createdAt: nextCreatedAt(), ...fields });
    pending.set(dedupKey, message);
    return message;
  }

  private followUp(em: EntityManager, input: FollowUpInput): Pick<MessageFields, 'rollout' | 'parent'> {
    return { rollout: input.rollout ?? null, parent: em.getReference(OutboxMessage, input.parentId) };
  }
}

let lastCreatedAt = 0;

/**
 * Creation times strictly increase within a process, so messages written one after the other (a comment,
 * then the transition it announces) keep their order when follow-ups are sent oldest first.
 */
function nextCreatedAt(): Date {
  lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
  return new Date(lastCreatedAt);
}

/** Namespace of the name-based (version 5) UUIDs of outbox messages. */
const OUTBOX_NAMESPACE = Buffer.from('6f1b2f9e4c7d4d0a9a51c3e0b7d2a8f4', 'hex');

/** The message id of a dedup key: a version-5 UUID, so the same key always names the same row. */
export function messageIdOf(dedupKey: string): string {
  const bytes = createHash('sha1').update(OUTBOX_NAMESPACE).update(dedupKey).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON columns keep what was given, not `"blocks": undefined` keys. */
function withoutUndefined<T extends object>(value: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
