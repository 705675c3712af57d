import { JobsOptions } from 'bullmq';
import { QueueName } from './queue-names';

/** Contract of the `notifications` queue: anyone who writes to the outbox (producer) → notifier (consumer). */
export const NOTIFICATIONS_QUEUE = QueueName.Notifications;

/** Job names of the queue. Persisted in Redis: do not rename. */
export enum NotificationsJob {
  /** Deliver one outbox message to Slack or Jira. */
  DeliverMessage = 'deliver-message',
}

/** The id of the outbox row: the row, not the job, holds what to send and whether it was sent. */
export interface DeliverMessagePayload {
  messageId: string;
}

export interface NotificationsPayloads {
  [NotificationsJob.DeliverMessage]: DeliverMessagePayload;
}

/** One job per message (the job id is the message id), retried with exponential backoff. */
export function deliverMessageJobOptions(messageId: string): JobsOptions {
  return {
    jobId: `message-${messageId}`,
    attempts: 10,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
