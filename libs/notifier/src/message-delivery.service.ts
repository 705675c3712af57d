import { addLogContext } from '@hydrator/common';
import { Injectable, Logger } from '@nestjs/common';
import { OutboxKind, OutboxMessage, OutboxStatus } from '@hydrator/database';
import { HydratorMetrics } from '@hydrator/metrics';
import { Courier } from './courier';
import { classifyDeliveryError, DeliveryFailure } from './delivery-failure';
import { DeliveryQueue } from './delivery-queue';
import { JiraCourier } from './jira-courier';
import { DeliveryResult, integrationOf } from './outbox-payloads';
import { Claim, OutboxStore } from './outbox-store';
import { SlackCourier } from './slack-courier';

/** What one delivery attempt did; the queue consumer turns it into BullMQ's terms. */
export type DeliveryOutcome =
  | { status: 'sent'; result: DeliveryResult }
  | { status: 'skipped'; reason: 'missing' | 'already sent' | 'already failed' | 'held' }
  /** Not a failure: run the attempt again at `until` (Retry-After, another notifier's lease, what it follows pending). */
  | { status: 'delayed'; until: Date; reason: string }
  /** Failed for now: retry with backoff. */
  | { status: 'retry'; error: string }
  /** Failed for good: the message is FAILED with `error`. */
  | { status: 'failed'; error: string };

/** How long one attempt owns a message; an attempt that has not finished by then is presumed dead. */
export const DELIVERY_LEASE_MS = 2 * 60_000;
/** A message waiting for others (a summary for its team messages, a follow-up for its parent) looks again this often; it is also woken when they finish. */
const WAIT_POLL_MS = 3000;

/** Where an attempt was when it failed: whether the other side may hold the message decides the next step. */
type Stage = 'finding' | 'sending' | 'completing';

/**
 * Delivers one outbox message exactly once. The attempt is committed as SENDING before the remote call;
 * its outcome is recorded right after. An attempt that finds the message SENDING from an attempt that
 * died first asks the other side (Slack history by metadata, Jira search by label) and sends only when
 * it is not there.
 */
@Injectable()
export class MessageDelivery {
  private readonly logger = new Logger(MessageDelivery.name);
  private readonly couriers: Record<'Slack' | 'Jira', Courier>;

  constructor(
    private readonly store: OutboxStore,
    private readonly queue: DeliveryQueue,
    slack: SlackCourier,
    jira: JiraCourier,
    private readonly metrics: HydratorMetrics,
  ) {
    this.couriers = { Slack: slack, Jira: jira };
  }

  /** `finalAttempt`: the queue will not try again, so a failure now is FAILED for good. */
  async deliver(messageId: string, { finalAttempt }: { finalAttempt: boolean }): Promise<DeliveryOutcome> {
    const claim = await this.store.claim(messageId, {
      leaseMs: DELIVERY_LEASE_MS,
      waitPollMs: WAIT_POLL_MS,
      configured: (kind) => this.courierFor(kind).configured,
    });
    if ('message' in claim && claim.message) {
      const { message } = claim;
      addLogContext({ messageId: message.id, rolloutId: message.rollout?.id, deploymentId: message.deploymentIds.length === 1 ? message.deploymentIds[0] : undefined });
    }
    const kind = 'message' in claim ? claim.message.kind : claim.kind;
    const outcome = await this.attempt(claim, finalAttempt);
    const held = outcome.status === 'skipped' && outcome.reason === 'held';
    this.metrics.deliveries.inc({ channel: kind ? integrationOf(kind).toLowerCase() : 'unknown', outcome: held ? 'held' : outcome.status });
    return outcome;
  }

  private async attempt(claim: Claim, finalAttempt: boolean): Promise<DeliveryOutcome> {
    if (claim.status === 'abandoned') {
      this.logger.warn(`${describe(claim.message)} failed: ${claim.error}`);
      await this.finished(claim.message);
      return { status: 'failed', error: claim.error };
    }
    if (claim.status !== 'claimed') return outcomeOf(claim);
    const { message, interrupted } = claim;
    const courier = this.courierFor(message.kind);
    let stage: Stage = 'finding';
    let delivered = (message.result ?? undefined) as DeliveryResult | undefined;
    try {
      if (!delivered && interrupted) delivered = await courier.findDelivered(message);
      if (!delivered) {
        await this.store.compose(message);
        // Looking may have taken a while: send only within a lease that is still ours.
        if (!(await this.store.renew(message, DELIVERY_LEASE_MS))) return { status: 'delayed', until: new Date(Date.now() + 1000), reason: 'another attempt took the message over' };
        stage = 'sending';
        delivered = await courier.send(message);
        await this.store.checkpoint(message.id, delivered);
      }
      stage = 'completing';
      return await this.sent(message, await courier.complete(message, delivered));
    } catch (error) {
      return this.failed(message, classifyDeliveryError(error, courier.integration), { stage, delivered, finalAttempt, courier });
    }
  }

  /** Kinds of message this process can deliver (the others are held). */
  configuredKinds(): OutboxKind[] {
    return Object.values(OutboxKind).filter((kind) => this.courierFor(kind).configured);
  }

  private async sent(message: OutboxMessage, result: DeliveryResult): Promise<DeliveryOutcome> {
    await this.store.recordSent(message, result);
    this.logger.log(`${describe(message)} delivered`);
    await this.finished(message);
    return { status: 'sent', result };
  }

  private async failed(message: OutboxMessage, failure: DeliveryFailure, attempt: { stage: Stage; delivered?: DeliveryResult; finalAttempt: boolean; courier: Courier }): Promise<DeliveryOutcome> {
    const error = failure.message;
    if (attempt.delivered && (failure.kind === 'permanent' || attempt.finalAttempt)) {
      // It is there; only its completion (the permalink) could not be had.
      this.logger.warn(`${describe(message)} delivered but not completed: ${error}`);
      return this.sent(message, attempt.delivered);
    }
    if (failure.kind === 'permanent' || (failure.kind === 'transient' && attempt.finalAttempt)) {
      const lastError = attempt.stage === 'finding' ? `could not check whether it was already delivered: ${error}` : error;
      await this.store.release(message.id, { status: OutboxStatus.FAILED, lastError });
      this.logger.warn(`${describe(message)} failed: ${lastError}`);
      await this.finished(message);
      return { status: 'failed', error: lastError };
    }
    if (failure.kind === 'rate-limited') {
      const until = new Date(Date.now() + failure.retryAfterMs);
      // Refused at the door: nothing to look for next time. Otherwise it stays SENDING until then.
      const refused = attempt.stage === 'sending';
      await this.store.release(message.id, { status: refused ? OutboxStatus.PENDING : OutboxStatus.SENDING, lastError: error, nextAttemptAt: until });
      return { status: 'delayed', until, reason: error };
    }
    // The outcome is unknown (a timeout may hide a success): stay SENDING, so the next attempt looks first.
    const settled = new Date(Date.now() + (attempt.delivered ? 0 : attempt.courier.settleMs));
    await this.store.release(message.id, { status: OutboxStatus.SENDING, lastError: error, nextAttemptAt: settled });
    return { status: 'retry', error };
  }

  /**
   * A message is done: what waited for it (its rollout's SRE summary, its follow-ups, the next one on its
   * thread) may now go out. Never throws: what waits also looks by itself.
   */
  private async finished(message: OutboxMessage): Promise<void> {
    try {
      await this.queue.enqueue(await this.store.waitingOn(message), { now: true });
    } catch (error) {
      this.logger.warn(`could not wake the messages waiting for ${describe(message)}: ${(error as Error).message}`);
    }
  }

  private courierFor(kind: OutboxKind): Courier {
    return this.couriers[integrationOf(kind)];
  }
}

function outcomeOf(claim: Exclude<Claim, { status: 'claimed' | 'abandoned' }>): DeliveryOutcome {
  switch (claim.status) {
    case 'busy':
      return { status: 'delayed', until: claim.until, reason: 'another attempt holds the message' };
    case 'waiting':
      return { status: 'delayed', until: claim.until, reason: claim.reason };
    case 'sent':
      return { status: 'skipped', reason: 'already sent' };
    case 'failed':
      return { status: 'skipped', reason: 'already failed' };
    default:
      return { status: 'skipped', reason: claim.status };
  }
}

function describe(message: OutboxMessage): string {
  return `${message.kind} ${message.id} to ${message.destination}`;
}
