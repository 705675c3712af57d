import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { OutboxKind, OutboxMessage, OutboxStatus, RolloutStatus } from '@hydrator/database';
import { ChangeFeed, DeploymentTransitions, PendingChanges } from '@hydrator/live';
import { composeUpdate, prepareFollowUp } from './follow-ups';
import { DeliveryResult, JiraResult, SlackResult, SreSummaryPayload } from './outbox-payloads';
import { composeSreSummaryMessage } from './sre-summary';

/** What taking a message for delivery found. */
export type Claim =
  /** Ours until the lease ends; `interrupted`: an earlier attempt may have reached the other side. */
  | { status: 'claimed'; message: OutboxMessage; interrupted: boolean }
  /** `kind` (here and below) when the message was read: for the delivery metrics' channel. */
  | { status: 'missing' | 'sent' | 'failed' | 'held'; kind?: OutboxKind }
  /** Another notifier holds it (or an unknown outcome is settling): try again at `until`. */
  | { status: 'busy'; until: Date; kind?: OutboxKind }
  /** What it waits for is not sent yet: a summary's team messages, a follow-up's parent or older siblings. */
  | { status: 'waiting'; until: Date; reason: string; kind?: OutboxKind }
  /** A follow-up whose parent failed for good: now FAILED with `error`. */
  | { status: 'abandoned'; message: OutboxMessage; error: string };

export interface ClaimOptions {
  leaseMs: number;
  /** How often a message waiting for others (a summary, a follow-up) looks again (it is also woken when they finish). */
  waitPollMs: number;
  configured: (kind: OutboxKind) => boolean;
}

/** A skip-locked row is in someone's short transaction: look again in a moment. */
const LOCKED_RETRY_MS = 1000;

/**
 * The delivery states of outbox rows, in PostgreSQL. A row is SENDING from the moment an attempt is
 * committed to begin until its outcome is recorded; `next_attempt_at` is then the end of the attempt's
 * lease. A SENDING row whose lease has ended belongs to an attempt that died or whose outcome is unknown:
 * the next attempt asks the other side before sending again. A SENDING row with a `result` was delivered
 * and only its completion (Slack's permalink) is missing.
 */
@Injectable()
export class OutboxStore {
  constructor(
    private readonly em: EntityManager,
    private readonly feed: ChangeFeed,
    private readonly transitions: DeploymentTransitions,
  ) {}

  /**
   * Takes a message for one attempt and commits that before anything is sent: `select … for update skip
   * locked`, so two notifiers handed the same message never both take it.
   */
  claim(id: string, options: ClaimOptions): Promise<Claim> {
    return this.em.fork().transactional(async (em): Promise<Claim> => {
      const message = await em.findOne(OutboxMessage, { id }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
      const now = Date.now();
      if (!message) {
        const exists = (await em.count(OutboxMessage, { id })) > 0;
        return exists ? { status: 'busy', until: new Date(now + LOCKED_RETRY_MS) } : { status: 'missing' };
      }
      if (message.status === OutboxStatus.SENT) return { status: 'sent', kind: message.kind };
      if (message.status === OutboxStatus.FAILED) return { status: 'failed', kind: message.kind };
      if (message.status === OutboxStatus.HELD) return { status: 'held', kind: message.kind };
      if (message.status === OutboxStatus.SENDING && message.nextAttemptAt.getTime() > now) return { status: 'busy', until: message.nextAttemptAt, kind: message.kind };
      if (!options.configured(message.kind)) {
        // A SENDING one stays as it is: once configured, the next attempt checks whether it went out.
        if (message.status === OutboxStatus.PENDING) message.status = OutboxStatus.HELD;
        return { status: 'held', kind: message.kind };
      }
      if (message.kind === OutboxKind.SLACK_SRE_SUMMARY && !(await this.composeSummary(em, message))) {
        return { status: 'waiting', until: new Date(now + options.waitPollMs), reason: 'waiting for the team messages of the rollout', kind: message.kind };
      }
      if (message.parent) {
        const readiness = await prepareFollowUp(em, message);
        if (readiness.status === 'waiting') return { status: 'waiting', until: new Date(now + options.waitPollMs), reason: readiness.reason, kind: message.kind };
        if (readiness.status === 'held') {
          if (message.status === OutboxStatus.PENDING) message.status = OutboxStatus.HELD;
          return { status: 'held', kind: message.kind };
        }
        if (readiness.status === 'failed') {
          Object.assign(message, { status: OutboxStatus.FAILED, lastError: readiness.error });
          return { status: 'abandoned', message, error: readiness.error };
        }
      }
      const interrupted = message.status === OutboxStatus.SENDING;
      message.status = OutboxStatus.SENDING;
      message.attempts += 1;
      message.nextAttemptAt = new Date(now + options.leaseMs);
      return { status: 'claimed', message, interrupted };
    });
  }

  /**
   * Composes what a claimed message says from the state it reports, in a transaction of its own after the
   * claim (an update of a team message reads its deployments), and stores it with the message.
   */
  async compose(message: OutboxMessage): Promise<void> {
    if (message.kind !== OutboxKind.SLACK_UPDATE) return;
    const em = this.em.fork();
    await composeUpdate(em, message);
    await em.nativeUpdate(OutboxMessage, { id: message.id }, { payload: message.payload, updatedAt: new Date() });
  }

  /**
   * Extends the lease of an attempt that still holds the message; false when another attempt has taken
   * it over since (each claim counts an attempt, so `attempts` tells whose lease it is).
   */
  async renew(message: OutboxMessage, leaseMs: number): Promise<boolean> {
    const renewed = await this.em
      .fork()
      .nativeUpdate(OutboxMessage, { id: message.id, status: OutboxStatus.SENDING, attempts: message.attempts }, { nextAttemptAt: new Date(Date.now() + leaseMs), updatedAt: new Date() });
    return renewed > 0;
  }

  /** Records that the other side has the message, before completing it, so it is never sent twice. */
  async checkpoint(id: string, delivered: DeliveryResult): Promise<void> {
    await this.em.fork().nativeUpdate(OutboxMessage, { id }, { result: { ...delivered }, updatedAt: new Date() });
  }

  /** Records the message SENT and copies what was created onto the rollout or deployments it reports. */
  async recordSent(message: OutboxMessage, result: DeliveryResult): Promise<void> {
    const changes = new PendingChanges();
    await this.em.fork().transactional(async (em) => {
      await em.nativeUpdate(OutboxMessage, { id: message.id }, { status: OutboxStatus.SENT, result: { ...result }, sentAt: new Date(), lastError: null, updatedAt: new Date() });
      const rolloutId = message.rollout?.id;
      // A deployment keeps the link of the first message about it (its announcement), not of later alerts.
      // Each link bumps the row's version and is published, so live dashboards see it without a gap.
      if (message.kind === OutboxKind.SLACK_MESSAGE && message.deploymentIds.length > 0) {
        await this.transitions.apply(em, { id: message.deploymentIds, also: 'slack_permalink is null' }, { set: { slack_permalink: (result as SlackResult).permalink ?? null } }, changes);
        return;
      }
      const column = message.kind === OutboxKind.SLACK_SRE_SUMMARY ? 'slack_summary_url' : message.kind === OutboxKind.JIRA_ISSUE ? 'jira_issue_key' : undefined;
      if (!column || !rolloutId) return;
      const value = message.kind === OutboxKind.JIRA_ISSUE ? (result as JiraResult).key : ((result as SlackResult).permalink ?? null);
      const rows = await em.execute<Array<{ id: string; status: RolloutStatus; version: number }>>(
        `update rollout set ${column} = ?, version = version + 1, updated_at = now() where id = ? returning id, status, version`,
        [value, rolloutId],
      );
      for (const row of rows) changes.rollout(row);
    });
    this.feed.publish(...changes.committed());
  }

  /** Ends an attempt that did not deliver: FAILED for good, or PENDING / SENDING until `nextAttemptAt`. */
  async release(id: string, state: { status: OutboxStatus; lastError: string; nextAttemptAt?: Date }): Promise<void> {
    await this.em.fork().nativeUpdate(OutboxMessage, { id }, { ...state, updatedAt: new Date() });
  }

  /** Held messages of the kinds now configured become PENDING. Returns their ids. */
  async releaseHeld(kinds: readonly OutboxKind[]): Promise<string[]> {
    if (kinds.length === 0) return [];
    const rows = await this.em
      .fork()
      .execute<{ id: string }[]>(`update outbox_message set status = ?, next_attempt_at = now(), updated_at = now() where status = ? and kind in (?) returning id`, [
        OutboxStatus.PENDING,
        OutboxStatus.HELD,
        [...kinds],
      ]);
    return rows.map((row) => row.id);
  }

  /** PENDING messages due for an attempt and SENDING ones whose lease ended, longer than `graceMs` ago. */
  async dueIds(graceMs: number, limit = 500): Promise<string[]> {
    const rows = await this.em.fork().execute<{ id: string }[]>(
      `select id from outbox_message where status in (?) and next_attempt_at < now() - (? * interval '1 millisecond')
        order by next_attempt_at limit ?`,
      [[OutboxStatus.PENDING, OutboxStatus.SENDING], graceMs, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The PENDING messages that may have been waiting for `message`, now that it is sent or failed: its
   * rollout's SRE summaries (for a team message), its first follow-up, and the next follow-up of its parent.
   */
  async waitingOn(message: OutboxMessage): Promise<string[]> {
    const rolloutId = message.kind === OutboxKind.SLACK_MESSAGE ? (message.rollout?.id ?? null) : null;
    const rows = await this.em.fork().execute<{ id: string }[]>(
      `select id from outbox_message where rollout_id = ? and kind = ? and status = ?
       union all (select id from outbox_message where parent_id = ? and status = ? order by created_at, id limit 1)
       union all (select id from outbox_message where parent_id = ? and status = ? and (created_at, id) > (?::timestamptz, ?::uuid) order by created_at, id limit 1)`,
      [rolloutId, OutboxKind.SLACK_SRE_SUMMARY, OutboxStatus.PENDING, message.id, OutboxStatus.PENDING, message.parent?.id ?? null, OutboxStatus.PENDING, message.createdAt, message.id],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Composes a summary's text once every team message of its rollout is SENT or FAILED; false while
   * some are not. The team messages are the rollout's Slack messages written with the summary or before
   * it (not the runner's later alerts). Composed once: an interrupted summary is resent with the same text.
   */
  private async composeSummary(em: EntityManager, summary: OutboxMessage): Promise<boolean> {
    const payload = summary.payload as unknown as SreSummaryPayload;
    if (payload.text !== undefined) return true;
    const team = summary.rollout ? await em.find(OutboxMessage, { rollout: summary.rollout, kind: OutboxKind.SLACK_MESSAGE, createdAt: { $lte: summary.createdAt } }) : [];
    if (team.some((m) => m.status !== OutboxStatus.SENT && m.status !== OutboxStatus.FAILED)) return false;
    summary.payload = { ...payload, ...composeSreSummaryMessage(payload.intro, team) };
    return true;
  }
}
