import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DeliverMessagePayload, deliverMessageJobOptions, enqueueBestEffort, NOTIFICATIONS_QUEUE, NotificationsJob } from '@hydrator/queues';

export type NotificationsQueue = Queue<DeliverMessagePayload, unknown, NotificationsJob>;

/**
 * Hands outbox messages to the `notifications` queue, one job per message (the job id is the message id).
 * Never throws: what Redis does not take now, the notifier's reconciler hands over later.
 */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger(DeliveryQueue.name);

  constructor(@InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: NotificationsQueue) {}

  /**
   * Makes sure each message has a job: adds one where there is none, replaces one that already finished
   * (a message held, then released), and with `now` runs a delayed one at once (a summary whose team
   * messages are done). A job waiting in backoff is otherwise left alone. Returns how many were handed over.
   */
  async enqueue(messageIds: readonly string[], options: { now?: boolean } = {}): Promise<number> {
    let handed = 0;
    for (const id of messageIds) {
      const error = await enqueueBestEffort(() => this.ensureJob(id, options.now ?? false));
      if (error) {
        // Redis is not answering: waiting on each of the others would only hold the caller up.
        this.logger.warn(`${messageIds.length - handed} outbox message(s) not enqueued (${error.message}); the reconciler will hand them over`);
        break;
      }
      handed++;
    }
    return handed;
  }

  private async ensureJob(messageId: string, now: boolean): Promise<void> {
    const options = deliverMessageJobOptions(messageId);
    const job = await this.queue.getJob(options.jobId!);
    const state = job ? await job.getState() : 'unknown';
    if (job && (state === 'completed' || state === 'failed')) {
      await job.remove();
    } else if (job && state === 'delayed') {
      // promote() fails when the job left the delayed set meanwhile: then it is running anyway.
      if (now) await job.promote().catch(() => undefined);
      return;
    } else if (state !== 'unknown') {
      return;
    }
    await this.queue.add(NotificationsJob.DeliverMessage, { messageId }, options);
  }
}
