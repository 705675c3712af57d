import { Injectable } from '@nestjs/common';
import { DeliveryQueue } from './delivery-queue';
import { MessageDelivery } from './message-delivery.service';
import { OutboxStore } from './outbox-store';

export interface Reconciliation {
  /** Held messages released because their integration is now configured. */
  released: number;
  /** Messages handed to the queue again. */
  requeued: number;
}

/**
 * Keeps the `notifications` queue in step with the outbox in PostgreSQL: releases held messages once
 * their integration is configured, and hands over again every message that is due but may have no job
 * (Redis restarted empty, an enqueue failed, a notifier died mid-attempt). Harmless to run at any time:
 * a message has at most one job, and delivery itself is exactly-once.
 */
@Injectable()
export class OutboxRecovery {
  constructor(
    private readonly store: OutboxStore,
    private readonly queue: DeliveryQueue,
    private readonly delivery: MessageDelivery,
  ) {}

  /** `graceMs`: leave alone messages that became due more recently than this (their job is probably on its way). */
  async reconcile(graceMs: number): Promise<Reconciliation> {
    const released = await this.store.releaseHeld(this.delivery.configuredKinds());
    const due = await this.store.dueIds(graceMs);
    const requeued = await this.queue.enqueue([...new Set([...released, ...due])]);
    return { released: released.length, requeued };
  }
}
