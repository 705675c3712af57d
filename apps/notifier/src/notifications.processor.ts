import { Processor } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { DeliveryOutcome, MessageDelivery } from '@hydrator/notifier';
import { LoggedWorkerHost } from '@hydrator/platform';
import { NOTIFICATIONS_QUEUE, NotificationsJob, NotificationsPayloads } from '@hydrator/queues';

type NotificationsJobOf = {
  [Name in NotificationsJob]: Job<NotificationsPayloads[Name], DeliveryOutcome, Name>;
}[NotificationsJob];

/**
 * Consumer of `notifications`: delivers one outbox message per job, and turns the outcome into BullMQ's
 * terms: a wait (Retry-After, another notifier's lease) delays the job without spending an attempt, a
 * transient failure is retried with backoff, a final one fails the job for good.
 */
@Processor(NOTIFICATIONS_QUEUE, { concurrency: 4 })
export class NotificationsProcessor extends LoggedWorkerHost {
  constructor(private readonly delivery: MessageDelivery) {
    super();
  }

  async process(job: NotificationsJobOf, token?: string): Promise<DeliveryOutcome> {
    switch (job.name) {
      case NotificationsJob.DeliverMessage: {
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const outcome = await this.delivery.deliver(job.data.messageId, { finalAttempt });
        switch (outcome.status) {
          case 'delayed':
            await job.moveToDelayed(outcome.until.getTime(), token);
            throw new DelayedError(outcome.reason);
          case 'retry':
            throw new Error(outcome.error);
          case 'failed':
            throw new UnrecoverableError(outcome.error);
          default:
            return outcome;
        }
      }
      default:
        throw new UnrecoverableError(`unknown job ${(job as Job).name} on ${NOTIFICATIONS_QUEUE}`);
    }
  }
}
