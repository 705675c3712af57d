import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JenkinsWebhook } from '@hydrator/database';
import { enqueueBestEffort, JENKINS_REPORTS_QUEUE, JenkinsReportsJob, RecordReportPayload, recordReportJobOptions } from '@hydrator/queues';
import { parseJenkinsNotification, reportDedupKey } from './jenkins-notification';

export interface AcceptedWebhook {
  webhookId: string;
  /** True when this job, build and phase had already been received: nothing new was stored. */
  duplicate: boolean;
}

export type JenkinsReportsQueue = Queue<RecordReportPayload, unknown, JenkinsReportsJob>;

/**
 * The receiving end of `POST /webhooks/jenkins`. A webhook is written to PostgreSQL before it is
 * acknowledged, then handed to the registry through the `jenkins-reports` queue; if Redis is down or
 * loses its data, {@link requeuePending} hands it over again, so an acknowledged report is never lost.
 */
@Injectable()
export class JenkinsWebhookInbox {
  private readonly logger = new Logger(JenkinsWebhookInbox.name);

  constructor(
    private readonly em: EntityManager,
    @InjectQueue(JENKINS_REPORTS_QUEUE) private readonly queue: JenkinsReportsQueue,
  ) {}

  async accept(body: unknown): Promise<AcceptedWebhook> {
    const notification = parseJenkinsNotification(body);
    const rows = await this.em.execute<{ id: string }[]>(
      `insert into jenkins_webhook (id, dedup_key, payload, received_at, attempts)
       values (gen_random_uuid(), ?, ?, now(), 0)
       on conflict (dedup_key) do nothing returning id`,
      [reportDedupKey(notification), JSON.stringify(body)],
    );
    if (rows.length === 0) {
      const existing = await this.em.fork().findOneOrFail(JenkinsWebhook, { dedupKey: reportDedupKey(notification) });
      return { webhookId: existing.id, duplicate: true };
    }
    const webhookId = rows[0].id;
    await this.enqueue(webhookId);
    return { webhookId, duplicate: false };
  }

  /** Re-enqueues webhooks stored but not yet recorded (after a Redis outage or data loss). Returns how many. */
  async requeuePending(olderThanMs: number): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select id from jenkins_webhook where processed_at is null and received_at < now() - (? * interval '1 millisecond') order by received_at limit 1000`,
      [olderThanMs],
    );
    for (const row of rows) await this.enqueue(row.id);
    return rows.length;
  }

  private async enqueue(webhookId: string): Promise<void> {
    const error = await enqueueBestEffort(() => this.queue.add(JenkinsReportsJob.RecordReport, { webhookId }, recordReportJobOptions(webhookId)));
    // Stored already: the reconciler hands it over once Redis answers again.
    if (error) this.logger.warn(`webhook ${webhookId} stored but not enqueued (${error.message}); it will be re-enqueued`);
  }
}
