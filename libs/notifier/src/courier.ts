import { OutboxMessage } from '@hydrator/database';
import { DeliveryResult, Integration } from './outbox-payloads';

/** Sends outbox messages to one integration, and can tell whether an interrupted attempt reached it. */
export interface Courier {
  readonly integration: Integration;
  /** False when the integration is not configured in this process: its messages are held. */
  readonly configured: boolean;
  /**
   * After an attempt whose outcome is unknown (a timeout, a 5xx), how long to wait before asking
   * {@link findDelivered}: long enough for the other side's search to show what was just created.
   */
  readonly settleMs: number;
  /** What the other side already holds for this message after an attempt that may have reached it. */
  findDelivered(message: OutboxMessage): Promise<DeliveryResult | undefined>;
  send(message: OutboxMessage): Promise<DeliveryResult>;
  /** Completes a result once the message is there (Slack: its permalink). */
  complete(message: OutboxMessage, delivered: DeliveryResult): Promise<DeliveryResult>;
}
